#!/usr/bin/env bash
# Makes the PEM files for mutual TLS on the event bus between Cartwheel nodes (cluster.tls.*,
# docs/operations.md "Cluster TLS"): a cluster CA, and a key and certificate signed by it for each name.
#
#   scripts/cluster-certs.sh DIR NAME...      e.g. scripts/cluster-certs.sh certs node-a node-b node-c
#
# DIR/ca.pem is the CA certificate every node trusts (cluster.tls.caFile); DIR/NAME.pem and DIR/NAME-key.pem
# are a node's certificate and PKCS#8 key (cluster.tls.certFile, cluster.tls.keyFile). A CA already in DIR
# is kept, so the same command adds nodes later; keep DIR/ca-key.pem offline, it admits nodes to the cluster.
# Needs only openssl. Keys are EC P-256; certificates last CERT_DAYS (default 365), the CA CA_DAYS (3650).
# Keys are readable by their owner only; KEY_MODE=644 makes node keys readable by all, for a development kit
# whose containers run as another user (docker/README.md), never for real keys.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 DIR NAME..." >&2
  exit 2
fi
dir=$1
shift
mkdir -p "$dir"
umask 077

if [ ! -f "$dir/ca.pem" ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/ca-key.pem"
  openssl req -x509 -new -key "$dir/ca-key.pem" -sha256 -days "${CA_DAYS:-3650}" \
    -subj "/CN=cartwheel cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/ca.pem"
fi

for name in "$@"; do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/$name-key.pem"
  openssl req -new -key "$dir/$name-key.pem" -subj "/CN=$name" -out "$dir/$name.csr"
  # a node is a TLS server and a TLS client on the event bus: it needs both usages
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" -CAcreateserial \
    -sha256 -days "${CERT_DAYS:-365}" -out "$dir/$name.pem" \
    -extfile <(printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n')
  rm "$dir/$name.csr"
done
# certificates are public; the keys stay readable by their owner only (umask above)
for name in "$@"; do
  chmod 644 "$dir/$name.pem"
  chmod "${KEY_MODE:-600}" "$dir/$name-key.pem"
done
chmod 644 "$dir/ca.pem"
echo "made in $dir: ca.pem (trust), and for each of $*: NAME.pem (certificate), NAME-key.pem (key)"
