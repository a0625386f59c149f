#!/usr/bin/env bash
# Starts N nodes of one Inventory cluster on this machine (default 3), all on one PostgreSQL: the one named by
# ConnectionStrings__Inventory, or else the embedded PostgreSQL of node 1 (on port ${PG_PORT:-5433}). Node n serves
# HTTP on 5080+n and its silo on 11110+n; logs and data go to ./data/cluster/node<n>. `scripts/cluster.sh stop`
# stops them. See docs/cluster.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=data/cluster
if [[ "${1:-}" == "stop" ]]; then
  [[ -f $dir/pids ]] && xargs -r kill < $dir/pids || true
  rm -f $dir/pids
  exit 0
fi
nodes=${1:-3}
mkdir -p $dir
dotnet build src/Inventory.Server -v q -nologo > $dir/build.log
# One signing key for all nodes, so a token from any of them is accepted by every node.
export Auth__SigningKey=${Auth__SigningKey:-$(cat $dir/signing-key 2>/dev/null || head -c 32 /dev/urandom | base64)}
(umask 077; echo "$Auth__SigningKey" > $dir/signing-key)
export Orleans__Clustering__ProviderType=AdoNet Orleans__ClusterId=${Orleans__ClusterId:-inventory}
embedded=
if [[ -z "${ConnectionStrings__Inventory:-}" ]]; then
  embedded=${PG_PORT:-5433}
fi
: > $dir/pids
for n in $(seq 1 "$nodes"); do
  env=(Urls=http://127.0.0.1:$((5080 + n)) Orleans__Endpoints__SiloPort=$((11110 + n)) Inventory__DataDirectory=$dir/node$n)
  if [[ -n $embedded ]]; then
    if [[ $n == 1 ]]; then env+=(Inventory__EmbeddedPostgresPort=$embedded)
    else env+=("ConnectionStrings__Inventory=Host=127.0.0.1;Port=$embedded;Username=postgres;Database=inventory"); fi
  fi
  env "${env[@]}" dotnet src/Inventory.Server/bin/Debug/net10.0/Inventory.Server.dll > $dir/node$n.log 2>&1 &
  echo $! >> $dir/pids
  # Node 1 creates the database and its tables; the others join once it answers.
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$((5080 + n))/health/ready > /dev/null && break; sleep 1; done
  curl -sf http://127.0.0.1:$((5080 + n))/health/ready > /dev/null || { echo "node $n did not start: see $dir/node$n.log"; exit 1; }
  echo "node $n: http://127.0.0.1:$((5080 + n))"
done
echo "a token for every node: Auth__SigningKey=\$(cat $dir/signing-key) dotnet run --project src/Inventory.Server -- token --role admin --user you"
