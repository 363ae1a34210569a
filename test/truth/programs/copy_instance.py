import copy

class Bag:
    def __init__(self):
        self.items = [1]

a = Bag()
b = copy.copy(a)
b.items.append(2)
same = a.items is b.items
print(same, a.items)
