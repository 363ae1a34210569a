names = ["ana", "bo", "cy"]
for i, name in enumerate(names):
    print(i, name)
