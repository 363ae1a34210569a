class Player:
    def __init__(self, name, score):
        self.name = name
        self.score = score

team = [Player("a", 3), Player("b", 9), Player("c", 1)]
ranked = sorted(team, key=lambda p: p.score)
best = ranked[-1]
print(best.name)
