class Phonebook:
    def __init__(self):
        self.entries = {}

    def add(self, name, number):
        self.entries[name] = number

book = Phonebook()
book.add("ana", 123)
book.add("bo", 456)
print(len(book.entries), book.entries["bo"])
