class Box:
    def __init__(self, label):
        self.label = label
        self.items = []

a = Box("left")
b = Box("right")
a.items.append(1)
b.items.append(2)
b.items.append(3)
print(a.label, a.items, b.label, b.items)
