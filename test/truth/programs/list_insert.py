letters = ["b", "d"]
letters.insert(0, "a")
letters.insert(2, "c")
letters.insert(len(letters), "e")
print(letters)
