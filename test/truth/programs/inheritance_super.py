class Animal:
    def __init__(self, name):
        self.name = name
        self.sounds = []
class Dog(Animal):
    def __init__(self, name):
        super().__init__(name)
        self.sounds.append("woof")

d = Dog("rex")
e = Dog("max")
print(d.sounds, e.sounds, d.sounds is e.sounds)
