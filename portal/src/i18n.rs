//! The portal's two languages: English and Chinese, chosen by `?lang=` (the
//! switch on every page) or else the browser's `Accept-Language`.

/// A language of the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// From `?lang=` if given, else the first of `Accept-Language` we
    /// speak, else English.
    pub fn choose(query: Option<&str>, accept: Option<&str>) -> Lang {
        if let Some(code) = query {
            return if code.starts_with("zh") { Lang::Zh } else { Lang::En };
        }
        let accept = accept.unwrap_or_default();
        let mut best: Option<(f32, Lang)> = None;
        for part in accept.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or_default().trim().to_ascii_lowercase();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok())).unwrap_or(1.0);
            let lang = if tag.starts_with("zh") {
                Lang::Zh
            } else if tag.starts_with("en") {
                Lang::En
            } else {
                continue;
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::En, |(_, l)| l)
    }

    /// The `lang` attribute and query value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// A text of the pages.
    pub fn t(self, key: &str) -> &'static str {
        let (en, zh) = match key {
            "site" => ("Public procurement portal", "公共采购门户"),
            "tenders" => ("Tenders", "招标"),
            "lines" => ("Budget lines", "预算科目"),
            "payments" => ("Payments", "付款"),
            "vendors" => ("Vendors", "供应商"),
            "flags" => ("Red flags", "风险信号"),
            "open_data" => ("Open data", "开放数据"),
            "changes" => ("Scheduled changes", "变更公示"),
            "changes_intro" => (
                "Nobody, the Admin included, can change the suite's code or its rules at once. The Admin announces each change here; it can run only after a public delay of at least 7 days (never less than 2), and then anyone may run it. Until then the Admin can cancel it, and you can see it coming. An upgrade keeps every balance, bid and agreement.",
                "任何人（包括管理员）都不能立即更改系统的代码或规则。管理员须在此公布每项变更；变更须经至少 7 天（不少于 2 天）的公示期后方可执行，届时任何人都可执行。在此之前管理员可撤销变更，公众也可提前知晓。升级会保留所有余额、投标和合同。",
            ),
            "no_changes" => ("No change has been announced.", "尚未公布任何变更。"),
            "change" => ("Change", "变更"),
            "change_what" => ("What changes", "变更内容"),
            "change_state" => ("Where it stands", "状态"),
            "announced" => ("Announced", "公布时间"),
            "earliest" => ("Earliest run", "最早执行"),
            "last_moment" => ("Last moment", "最迟执行"),
            "status" => ("Status", "状态"),
            "any" => ("Any", "全部"),
            "line" => ("Budget line", "预算科目"),
            "deadline_before" => ("Bids due before", "投标截止早于"),
            "search" => ("Search", "搜索"),
            "filter" => ("Show", "筛选"),
            "tender" => ("Tender", "招标"),
            "estimate" => ("Estimate", "预算金额"),
            "deadline" => ("Bids due", "投标截止"),
            "bids" => ("Bids", "投标"),
            "winner" => ("Winner", "中标人"),
            "awarded" => ("Awarded", "中标金额"),
            "paid" => ("Paid", "已付"),
            "none" => ("none", "无"),
            "timeline" => ("Timeline", "时间线"),
            "when" => ("When", "时间"),
            "what" => ("What happened", "事件"),
            "payment" => ("Payment", "付款"),
            "appropriated" => ("Appropriated", "拨款"),
            "reserved" => ("Reserved", "预留"),
            "committed" => ("Committed", "承诺"),
            "available" => ("Not yet used", "未使用"),
            "date" => ("Date", "日期"),
            "amount" => ("Amount", "金额"),
            "payee" => ("Payee", "收款人"),
            "purpose" => ("For", "用途"),
            "vendor" => ("Vendor", "供应商"),
            "won" => ("Won", "中标"),
            "page" => ("Page", "页"),
            "previous" => ("Previous", "上一页"),
            "next" => ("Next", "下一页"),
            "of" => ("of", "共"),
            "no_flags" => ("No red flags.", "没有风险信号。"),
            "flag" => ("Flag", "信号"),
            "value" => ("Value", "数值"),
            "downloads" => ("Downloads", "下载"),
            "release_package" => ("OCDS release package (every change)", "OCDS 发布包（每次变更）"),
            "record_package" => ("OCDS record package (each tender compiled)", "OCDS 记录包（每个招标的汇总）"),
            "api" => ("JSON API (OpenAPI description)", "JSON 接口（OpenAPI 说明）"),
            "ocds_intro" => (
                "Every tender, from publication to the last payment, in the Open Contracting Data Standard 1.1.5 with the bid extension, read from the chain's events.",
                "每个招标从发布到最后一笔付款的全部记录，按开放合同数据标准 1.1.5（含投标扩展）发布，数据来自链上事件。",
            ),
            "intro" => (
                "Every step of every procurement, checked by code on a public chain and open to anyone. Reading needs no login and no wallet.",
                "每一次采购的每一步都由公共链上的代码校验，并向所有人公开。阅读无需登录，无需钱包。",
            ),
            "results" => ("tenders found", "个招标"),
            "not_found" => ("Not found", "未找到"),
            "bad_request" => ("Bad request", "请求有误"),
            "summary" => ("Summary", "概要"),
            "money_chart" => ("Where the line's money is", "科目资金去向"),
            "language" => ("Language", "语言"),
            "skip" => ("Skip to content", "跳到正文"),
            "milestones" => ("Milestones", "里程碑"),
            "due" => ("Due", "到期"),
            "ocid" => ("Open contracting id", "开放合同编号"),
            "indexed" => ("Indexed up to block", "已索引至区块"),
            "block" => ("block", "区块"),
            "wallet" => ("Bid from your wallet", "用钱包投标"),
            "wallet_intro" => (
                "Sealing happens in your browser: the proposal is hashed here, the secret salt comes from your browser, and nothing is sent to this server. Every action is first tried on the node without signing (a dry run shows the contract's answer, the fee and the storage deposit); only then does your wallet extension ask you to sign. No key leaves your wallet.",
                "密封在您的浏览器中完成：投标文件在本地计算哈希，秘密随机数由浏览器生成，任何内容都不会发送到本服务器。每项操作先在节点上试运行而不签名（显示合约的答复、手续费和存储押金）；之后钱包扩展才会请您签名。密钥从不离开您的钱包。",
            ),
            "seal_title" => ("Seal a bid", "密封投标"),
            "your_account" => ("Your account (SS58 address)", "您的账户（SS58 地址）"),
            "price_units" => ("Price, in the smallest unit", "报价（最小单位）"),
            "proposal_file" => ("Proposal document", "投标文件"),
            "seal_button" => ("Seal and save the receipt", "密封并保存收据"),
            "receipt_warning" => (
                "The receipt is saved before anything is sent. Keep it: without it the bid cannot be revealed and the bond is forfeited.",
                "收据会在发送任何内容之前保存。请妥善保管：没有它将无法公开报价，保证金将被没收。",
            ),
            "check_title" => ("Check a receipt", "核对收据"),
            "receipt_file" => ("Receipt file", "收据文件"),
            "check_button" => ("Check", "核对"),
            "rules_title" => ("Check a tender before publishing", "发布前检查招标"),
            "bond" => ("Bond per bid, in the smallest unit", "每份投标保证金（最小单位）"),
            "bidding_days" => ("Days open for bids", "投标天数"),
            "reveal_days" => ("Days to reveal", "公开天数"),
            "standstill_days" => ("Standstill days", "停顿期天数"),
            "plan" => ("Milestones (share %:due day, ...)", "里程碑（份额%:到期天数，……）"),
            "rules_button" => ("Check against the contract's rules", "按合约规则检查"),
            "line_number" => ("Budget line number", "预算科目编号"),
            "price_weight" => ("Price weight % (100: lowest price wins)", "价格权重 %（100：最低价中标）"),
            "quality_weight" => ("Quality weight %", "质量权重 %"),
            "min_quality" => ("Minimum quality score (0-100)", "最低质量分（0-100）"),
            "dossier_file" => ("Tender dossier (hashed here; publishing needs it)", "招标文件（在本地计算哈希；发布时需要）"),
            "act_title" => ("Act", "操作"),
            "act_intro" => (
                "Only the actions your roles allow are offered. Check first: the node answers what the contract would do, and only a call it would accept can be signed.",
                "只提供您的角色允许的操作。请先试运行：节点会给出合约的答复，只有会被接受的调用才能签名。",
            ),
            "action" => ("Action", "操作"),
            "value_attached" => ("Value attached (the bond, in the smallest unit)", "附带金额（保证金，最小单位）"),
            "dry_run_button" => ("Check (dry run)", "试运行"),
            "send_button" => ("Sign and send", "签名并发送"),
            "roles_title" => ("What can this account do?", "此账户能做什么？"),
            "roles_button" => ("Look up", "查询"),
            "connect_title" => ("Your wallet", "您的钱包"),
            "connect_button" => ("Connect a wallet", "连接钱包"),
            "account" => ("Account", "账户"),
            "lookup_account" => ("Account to look up (SS58 address)", "要查询的账户（SS58 地址）"),
            "needs_js" => (
                "This page needs JavaScript: hashing and sealing happen in your browser, never on the server.",
                "本页需要 JavaScript：哈希和密封在您的浏览器中完成，从不在服务器上进行。",
            ),
            "overall" => ("Organizations", "机构"),
            _ => ("?", "?"),
        };
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// What a role may do in the suite, in words.
    pub fn role_actions(self, role: &str) -> &'static str {
        let (en, zh) = match role {
            "Admin" => (
                "grant and revoke roles, pause and unpause the suite, schedule code and rule changes (they run only after a public delay)",
                "授予和撤销角色，暂停和恢复系统，预定代码和规则变更（须经公示期后方可执行）",
            ),
            "ProcurementOfficer" => ("publish, amend or cancel a tender; appoint a committee; terminate an agreement", "发布、修改或取消招标；任命评标委员会；终止合同"),
            "Evaluator" => ("declare impartiality and score bids", "申报公正性并为投标评分"),
            "Inspector" => ("approve or reject a delivered milestone; claim a defect in the warranty", "验收或拒收已交付的里程碑；在质保期内提出缺陷索赔"),
            "Treasurer" => ("open budget lines; approve or reject queued payments", "开设预算科目；批准或拒绝排队的付款"),
            "Auditor" => ("decide protests, escalations and defect claims", "裁决异议、申诉和缺陷索赔"),
            "Vendor" => (
                "seal and commit a bid, reveal or withdraw it, claim its bond; sign an agreement, deliver milestones, escalate a rejection, protest an award",
                "密封并提交投标，公开或撤回投标，取回保证金；签署合同，交付里程碑，就拒收提出申诉，对授标提出异议",
            ),
            "TenderService" | "EvaluationService" | "EscrowService" => ("a contract of the suite, acting for it", "系统内的合约，代表系统执行"),
            "Governance" => (
                "the suite's governor contract: makes a scheduled change once its public delay is over",
                "系统的治理合约：在公示期结束后执行已预定的变更",
            ),
            _ => ("an unknown role", "未知角色"),
        };
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// A tender status in words.
    pub fn status(self, status: &str) -> &'static str {
        match (self, status) {
            (Lang::En, "active") => "open",
            (Lang::Zh, "active") => "进行中",
            (Lang::En, "complete") => "awarded",
            (Lang::Zh, "complete") => "已授标",
            (Lang::En, "cancelled") => "cancelled",
            (Lang::Zh, "cancelled") => "已取消",
            (Lang::En, "unsuccessful") => "unsuccessful",
            (Lang::Zh, "unsuccessful") => "未成功",
            (Lang::En, _) => "unknown",
            (Lang::Zh, _) => "未知",
        }
    }

    /// What an indicator flags.
    pub fn flag(self, code: &str) -> String {
        match self {
            Lang::En => deploy::flags::describe(code).to_string(),
            Lang::Zh => match code {
                "R003" => "投标期过短",
                "R018" => "仅收到一份投标",
                "R024" => "中标价与次低价过于接近",
                "R028" => "不同投标人报价相同",
                "R035" => "除中标人外全部被取消资格",
                "R036" => "最低报价被取消资格",
                "R038" => "被取消资格的投标过多",
                "R058" => "中标价远低于其他投标",
                "S01" => "中标价接近预算",
                "S02" => "异议被支持",
                "S03" => "里程碑迟延交付",
                "S04" => "里程碑被拒收",
                "S05" => "合同被终止",
                "S06" => "申报了利益冲突",
                _ => "未知指标",
            }
            .to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_wins_then_the_browser_preference() {
        assert_eq!(Lang::choose(Some("zh"), Some("en")), Lang::Zh);
        assert_eq!(Lang::choose(None, Some("fr-FR,zh-CN;q=0.8,en;q=0.5")), Lang::Zh);
        assert_eq!(Lang::choose(None, Some("en-GB,zh;q=0.9")), Lang::En);
        assert_eq!(Lang::choose(None, Some("de")), Lang::En);
        assert_eq!(Lang::choose(None, None), Lang::En);
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        for key in ["site", "tenders", "lines", "payments", "vendors", "flags", "open_data", "timeline", "money_chart", "skip"] {
            assert_ne!(Lang::En.t(key), "?", "{key}");
            assert_ne!(Lang::Zh.t(key), "?", "{key}");
        }
    }
}
