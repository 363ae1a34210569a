class Temp:
    def __init__(self, degrees):
        self.degrees = degrees

    def __str__(self):
        return str(self.degrees) + " C"

t = Temp(21)
text = str(t)
print(text)
