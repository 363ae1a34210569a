class Config:
    def __init__(self):
        self.values = [1, 2]

cfg = Config()
old = cfg.values
cfg.values = [3, 4, 5]
print(old, cfg.values)
