class Dog:
    kind = "canine"

    def __init__(self, name):
        self.name = name

d1 = Dog("Rex")
d2 = Dog("Fido")
print(d1.kind, d2.kind, d1.name, d2.name)
