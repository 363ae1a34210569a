class Thing:
    def __init__(self, n):
        self.n = n

a = Thing(1)
b = Thing(2)
del a
b = Thing(3)
print(b.n)
