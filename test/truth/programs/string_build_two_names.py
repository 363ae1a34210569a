s = "ab"
t = s
s += "cd"
print(s, t)
