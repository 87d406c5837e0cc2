# Slowloris check for issue 12: how long the server holds a connection that sends nothing,
# half a request head, or idles after one request. usage: python3 slowloris.py 127.0.0.1:8080
import socket, sys, time
host, port = sys.argv[1].split(':'); port = int(port)
def held(send):
    s = socket.create_connection((host, port)); s.settimeout(120)
    if send: s.sendall(send)
    t = time.time()
    try:
        while s.recv(4096): pass
    except Exception as e: return f"error {e} after {time.time()-t:.1f}s"
    return f"closed after {time.time()-t:.1f}s"
print("silent:", held(b""))
print("half head:", held(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n"))
print("idle keep-alive:", held(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n"))
