"""Celery tasks of uppföljning. Thin: unpack IDs, call plain Python, handle retries."""

from celery import Task, shared_task

from jamlik.actors import SYSTEM
from plan.selectors import plan_for_page
from uppfoljning.sammanstallning import jobb
from uppfoljning.services.sammanstallning import COMPILE_TASK, uppfoljningsrapport_start


class CompileTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries exhausted (or a non-transient error): the job row must not stay "running".
        jobb.mark_failed(rapport_id=kwargs["rapport_id"], fel=f"{type(exc).__name__}: {exc}")


@shared_task(
    name=COMPILE_TASK,
    base=CompileTask,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=jobb.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=120,
    max_retries=5,
)
def compile_uppfoljningsrapport(*, rapport_id: int) -> int:
    """Compile one follow-up report version. Idempotent: a job already done is left alone, and a
    redelivered job (worker killed mid-way) is taken over and completed from the start."""
    return jobb.compile_uppfoljningsrapport(rapport_id=rapport_id).pk


@shared_task
def compile_uppfoljningsrapport_for_year(*, ar: int, plan: str | None = None) -> int:
    """For Celery beat: start a new version of a plan's follow-up for the year (the plan in force
    unless a plan slug is given). Nothing new when nothing changed: returns the existing version."""
    return uppfoljningsrapport_start(user=SYSTEM, plan=plan_for_page(plan), ar=ar).rapport.pk
