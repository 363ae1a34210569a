class Bag:
    def __init__(self):
        self.things = []

    def add(self, x):
        self.things.append(x)
        return self

bag = Bag()
same = bag.add(1).add(2)
print(len(bag.things), same is bag)
