#!/bin/bash
set -euo pipefail

# The API stays internal: only nginx is reachable from the Hub.
gunicorn -b 127.0.0.1:8000 --workers 2 api:app &

# Warm the API up before nginx starts taking traffic.
for _ in $(seq 1 30); do
  curl -sf http://127.0.0.1:8000/health > /dev/null && break
  sleep 1
done

exec "$@"
