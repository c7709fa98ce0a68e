#!/bin/sh
# The image's HEALTHCHECK: 0 when this node's /health/live answers 200, else 1.
# A node with a gateway serves it on http.port; a node without one on ops.port. We try both, so one
# script fits every role. 127.0.0.1 works because the prod profile binds 0.0.0.0; if you set
# CARTWHEEL_HTTP_HOST to one address, override the healthcheck too.
for port in "${CARTWHEEL_HTTP_PORT:-8080}" "${CARTWHEEL_OPS_PORT:-9400}"; do
  if curl --fail --silent --show-error --output /dev/null --max-time 3 "http://127.0.0.1:${port}/health/live" 2>/dev/null; then
    exit 0
  fi
done
exit 1
