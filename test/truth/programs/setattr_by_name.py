class Config:
    pass

c = Config()
for key, value in [("mode", "dark"), ("size", 3)]:
    setattr(c, key, value)
print(c.mode, c.size)
