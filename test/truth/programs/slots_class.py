class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(1, 2)
p.x += 5
q = p
q.y = 0
print(p.x, p.y)
