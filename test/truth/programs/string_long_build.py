text = ""
for i in range(40):
    text += "x"
print(len(text))
