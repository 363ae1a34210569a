class Holder:
    def __init__(self):
        self.data = [1]

    def reset(self):
        self.data = []

h = Holder()
old = h.data
h.reset()
h.data.append(2)
print(old, h.data)
