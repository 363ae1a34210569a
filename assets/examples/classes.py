# An instance is a heap object holding its attributes; methods share one function.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def moved(self, dx):
        return Point(self.x + dx, self.y)

p = Point(1, 2)
q = p.moved(300)
p.x = 10
print(p.x, q.x)
