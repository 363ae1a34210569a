class Team:
    def __init__(self, names):
        self.names = names

members = ["a", "b"]
team = Team(members)
members.append("c")
print(team.names)
