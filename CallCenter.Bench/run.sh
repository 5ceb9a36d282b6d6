#!/usr/bin/env bash
# Runs the CTI benchmark (see README.md): raises the open-files limit (the client and the server each hold one socket
# per agent), builds and runs CallCenter.Bench in Release. Arguments go to the tool, e.g. ./run.sh --agents 5000
set -euo pipefail
cd "$(dirname "$0")/.."
want=65536
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then
  # Only root outside a restricted container may raise the hard limit; otherwise take what there is.
  ulimit -Hn "$want" 2>/dev/null || want=$hard
fi
ulimit -Sn "$want" 2>/dev/null || true
echo "[run.sh] open files limit: $(ulimit -Sn) (hard $(ulimit -Hn))" >&2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build CallCenter.Bench/CallCenter.Bench.csproj -c Release -nologo -v:q -clp:ErrorsOnly >&2
exec dotnet CallCenter.Bench/bin/Release/net10.0/CallCenter.Bench.dll "$@"
