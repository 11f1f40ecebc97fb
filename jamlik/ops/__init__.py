"""Running the portal: health check, request logging, middleware, the resilient cache."""
