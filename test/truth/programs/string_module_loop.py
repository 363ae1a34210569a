s = ""
for i in range(5):
    s += "ab"
print(s)
