class Counter:
    def __init__(self):
        self.count = 0

    def add(self, n):
        self.count += n
        return self.count

c = Counter()
c.add(3)
c.add(4)
print(c.count)
