class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

mine = Account("Ana", 100)
yours = mine
yours.balance -= 30
print(mine.balance, mine is yours)
