"""A local stand-in for Kolada's API v3, started by the tests on a thread (stdlib http.server on
127.0.0.1, a free port). It answers in Kolada's documented format and follows a script per path:
each request to a path takes the next step (the last one repeats): JSON, an HTTP error, or a
delay longer than the client's timeout before answering."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class KoladaServer:
    def __init__(self):
        self.skript: dict[str, list] = {}
        self.anrop: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                delar = urlsplit(self.path)
                sida = parse_qs(delar.query).get("page", ["1"])[0]
                nyckel = delar.path if sida == "1" else f"{delar.path}?page={sida}"
                server.anrop.append(nyckel)
                steg = server.skript.get(nyckel)
                if not steg:
                    self.send_error(404)
                    return
                typ, *argument = steg.pop(0) if len(steg) > 1 else steg[0]
                try:
                    if typ == "fel":
                        self.send_error(argument[0])
                        return
                    if typ == "vanta":
                        time.sleep(argument[0])
                        argument = argument[1:]
                    kropp = json.dumps(argument[0]).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(kropp)))
                    self.end_headers()
                    self.wfile.write(kropp)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): as a real server would see it

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.bas = f"http://127.0.0.1:{self.httpd.server_address[1]}/v3/"
        self.trad = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.trad.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def satt(self, sokvag: str, *steg):
        """Script `sokvag` (after /v3/, with ?page=N for a later page)."""
        self.skript["/v3/" + sokvag] = list(steg)

    def sida(self, sokvag: str, varden: list, nasta: str | None = None) -> tuple:
        return (
            "json",
            {
                "count": len(varden),
                "values": varden,
                "next_page": self.bas + nasta if nasta else None,
                "previous_page": None,
            },
        )


def rad(kpi: str, id_: str, ar: int, *varden, nyckel: str = "municipality") -> dict:
    """A data row: `varden` are (gender, value, status) triples."""
    return {
        "kpi": kpi,
        nyckel: id_,
        "period": ar,
        "values": [{"gender": k, "value": v, "status": s, "count": 1} for k, v, s in varden],
    }
