class Counter:
    made = 0

    def __init__(self):
        type(self).made += 1

a = Counter()
b = Counter()
print(Counter.made)
