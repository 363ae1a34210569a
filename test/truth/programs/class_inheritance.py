class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " makes a sound"

class Cat(Animal):
    def speak(self):
        return self.name + " says meow"

pets = [Animal("Generic"), Cat("Tom")]
for pet in pets:
    print(pet.speak())
