class Rect:
    def __init__(self, w, h):
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

r = Rect(3, 4)
area = r.area()
r.w = 5
print(area, r.area())
