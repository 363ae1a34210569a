class Box:
    def __init__(self):
        self.items = []

box = Box()
view = box.items
box.items += [1, 2]
print(view)
