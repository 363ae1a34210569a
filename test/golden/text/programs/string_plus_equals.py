def build():
    s = ""
    for i in range(12):
        s += "ab"
    return s


text = build()
print(len(text))
