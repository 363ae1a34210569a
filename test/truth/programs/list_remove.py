colors = ["red", "green", "blue", "green"]
colors.remove("green")
print(colors)
colors.remove("green")
print(colors)
