s = "banana"
t = s.replace("a", "o")
print(s, t)
