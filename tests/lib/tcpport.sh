# tcpport.sh: a free TCP port on loopback for a server a test starts (POSIX sh).
#
#   . "$top_srcdir/tests/lib/tcpport.sh"
#   port=$(tcp_free_port) || exit 99
#
# The kernel picks the port (bind to 127.0.0.1:0), which is then closed: a
# test starts its server on it and, should another process have taken it
# meanwhile, starts again on a new one (its start function returns 1).

# Prints a TCP port on 127.0.0.1 that nothing listens on.
tcp_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Succeeds when something accepts TCP connections on 127.0.0.1:$1.
tcp_listening() {
	python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 2).close()' "$1" 2>/dev/null
}
