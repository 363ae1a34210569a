class Point:
    def __init__(self, x):
        self.x = x

def scaled(n):
    scratch = Point(0)
    return n * 2

points = [Point(scaled(5))]
print(points[0].x)
