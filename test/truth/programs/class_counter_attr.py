class Counter:
    made = 0
    def __init__(self):
        Counter.made += 1
        self.n = 0
    def inc(self):
        self.n += 1
        return self

c = Counter().inc().inc()
d = Counter()
print(c.n, d.n, Counter.made)
