class Bag:
    items = []
    def add(self, x):
        self.items.append(x)

a = Bag()
b = Bag()
a.add(1)
b.add(2)
print(a.items, b.items, a.items is b.items)
