class Pair:
    __slots__ = ("left", "right")

    def __init__(self, left, right):
        self.left = left
        self.right = right

p = Pair([1], [2])
l = p.left
p.left.append(3)
print(l)
