class Cell:
    def __init__(self):
        self.alive = False

row = [Cell(), Cell(), Cell()]
for cell in row:
    cell.alive = True
row[1].alive = False
print([c.alive for c in row])
