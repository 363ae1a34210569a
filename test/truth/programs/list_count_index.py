votes = ["a", "b", "a", "c", "a"]
print(votes.count("a"))
print(votes.index("c"))
