#!/usr/bin/env bash
# Run long jobs one at a time in the background: the lines of runs/queue/queue.txt, in order.
#   (setsid nohup bash tools/queue.sh >/dev/null 2>&1 &)
# A line that finished with exit status 0 (runs/queue/status.log) is skipped when the queue is started again, so a
# queue stopped by the end of a session goes on where it stopped: our long commands (tlerc train, pretrain, reproduce)
# resume their own runs. `touch runs/queue/stop` ends the queue after the running job; job N's output is jobN.log.
set -u
cd "$(dirname "$0")/.."
Q=runs/queue; mkdir -p "$Q"; touch "$Q/status.log"
n=0
while IFS= read -r cmd || [ -n "$cmd" ]; do
  n=$((n+1))
  [[ -z "$cmd" || "$cmd" == \#* ]] && continue
  grep -qx "DONE $n 0" "$Q/status.log" && continue
  [ -e "$Q/stop" ] && { echo "$(date -u +%FT%TZ) STOPPED before $n" >> "$Q/status.log"; exit 0; }
  echo "$(date -u +%FT%TZ) START $n $cmd" >> "$Q/status.log"
  bash -c "$cmd" > "$Q/job$n.log" 2>&1 < /dev/null
  rc=$?
  echo "DONE $n $rc" >> "$Q/status.log"
done < "$Q/queue.txt"
