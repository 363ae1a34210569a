s = "abcdef"
t = s[:]
u = s[1:]
print(s is t, u)
