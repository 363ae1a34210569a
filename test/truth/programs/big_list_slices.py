xs = list(range(250))
head = xs[:110]
tail = xs[110:]
both = head + tail
print(len(head), len(tail), len(both))
