class Item:
    def __init__(self, name, price):
        self.name = name
        self.price = price

cart = []
cart.append(Item("pen", 2))
cart.append(Item("book", 12))
total = 0
for item in cart:
    total += item.price
print(total)
