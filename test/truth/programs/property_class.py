class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def f(self):
        return self._c * 9 / 5 + 32
    def warm(self, d):
        self._c += d

t = Temp(20)
t.warm(5)
print(t.f)
