inventory = {"pen": 3, "ink": 0, "pad": 5}
names = list(inventory.keys())
for name in names:
    if inventory[name] == 0:
        del inventory[name]
print(inventory)
