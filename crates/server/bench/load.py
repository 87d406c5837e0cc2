# Loopback load check for issue 12: search latency while graph requests run.
# Start `newsgraph serve --db STORE` (release build), then: python3 load.py 127.0.0.1:8080 20 32 48
"""Search latency while expensive graph requests run; slowloris hold time.
usage: load.py HOST:PORT [seconds] [search_conc] [graph_conc]"""
import http.client, sys, threading, time, socket, statistics, random
addr = sys.argv[1]; host, port = addr.split(':'); port = int(port)
dur = float(sys.argv[2]) if len(sys.argv) > 2 else 20
sc = int(sys.argv[3]) if len(sys.argv) > 3 else 32
gc = int(sys.argv[4]) if len(sys.argv) > 4 else 48
words = ["budget", "election", "minister", "tax", "police", "labour", "war", "said", "party", "vote"]
stop = time.time() + dur
lat = []; codes = {}; gcodes = {}; lock = threading.Lock()
def worker(path_fn, sink, codes_):
    c = http.client.HTTPConnection(host, port, timeout=60)
    while time.time() < stop:
        p = path_fn()
        t = time.perf_counter()
        try:
            c.request("GET", p, headers={"Host": "localhost"})
            r = c.getresponse(); r.read()
            code = r.status
            if r.getheader("connection", "").lower() == "close": c.close(); c = http.client.HTTPConnection(host, port, timeout=60)
        except Exception as e:
            code = type(e).__name__; c.close(); c = http.client.HTTPConnection(host, port, timeout=60)
        dt = time.perf_counter() - t
        with lock:
            codes_[code] = codes_.get(code, 0) + 1
            if sink is not None and code == 200: sink.append(dt)
        if code == 503: time.sleep(0.2)
ts = [threading.Thread(target=worker, args=(lambda: "/api/graph?limit=200&min_weight=%d" % random.randint(1, 3), None, gcodes)) for _ in range(gc)]
ts += [threading.Thread(target=worker, args=(lambda: "/api/search?q=" + random.choice(words), lat, codes)) for _ in range(sc)]
for t in ts: t.start()
for t in ts: t.join()
lat.sort()
q = lambda f: lat[min(len(lat)-1, int(f*len(lat)))]*1000 if lat else float('nan')
print(f"search: n={len(lat)} rps={len(lat)/dur:.0f} p50={q(.5):.1f}ms p99={q(.99):.1f}ms max={lat[-1]*1000 if lat else 0:.0f}ms codes={codes}")
print(f"graph codes={gcodes}")
