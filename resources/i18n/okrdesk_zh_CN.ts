<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlignmentDialog</name>
    <message>
        <location filename="../../okrdesk/ui/alignment_dialog.py" line="90"/>
        <source>Alignment tree</source>
        <translation>对齐树</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/alignment_dialog.py" line="33"/>
        <source>OKR</source>
        <translation>OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/alignment_dialog.py" line="34"/>
        <source>Unit</source>
        <translation>组织单元</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/alignment_dialog.py" line="38"/>
        <source>Alignment tree of the cycle</source>
        <translation>本周期的对齐树</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/alignment_dialog.py" line="53"/>
        <source>Not aligned to anything</source>
        <translation>尚未对齐任何上级</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/alignment_dialog.py" line="68"/>
        <source>(nothing supports this yet)</source>
        <translation>（尚无下级支撑）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/alignment_dialog.py" line="66"/>
        <source>[draft]</source>
        <translation>[草稿]</translation>
    </message>
</context>
<context>
    <name>AllHandsDialog</name>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="445"/>
        <source>Edit Initiative</source>
        <translation>修改举措</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="445"/>
        <source>Initiative:</source>
        <translation>举措：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="468"/>
        <source>◀ Back</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="469"/>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="471"/>
        <source>Prepare: tick an objective to show it as a worked breakdown</source>
        <translation>准备：勾选目标，将其作为分解示例展示</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="473"/>
        <source>Why this objective (said on its slide):</source>
        <translation>为什么选这个目标（在它的幻灯片上讲）：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="474"/>
        <source>Save the Why</source>
        <translation>保存缘由</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="475"/>
        <source>A first step toward the key result</source>
        <translation>实现这个关键结果的第一步</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="476"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="477"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="478"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="479"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="480"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="489"/>
        <source>All-Hands Presentation</source>
        <translation>全员大会演示</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="492"/>
        <source>All-Hands Presentation — %1 · %2</source>
        <translation>全员大会演示 — %1 · %2</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="500"/>
        <source>Initiatives: choose a key result above</source>
        <translation>举措：请先在上方选择一个关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="503"/>
        <source>Initiatives under “%1”:</source>
        <translation>“%1”下的举措：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="508"/>
        <source>Nothing to present</source>
        <translation>没有可演示的内容</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="511"/>
        <source>Slide %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/allhands_dialog.py" line="517"/>
        <source>page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>BallotBooth</name>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="140"/>
        <source>Hand the laptop to the next person. Who is voting?</source>
        <translation>请把电脑交给下一位。现在由谁投票？</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="141"/>
        <source>Participants (✓: ballot is in)</source>
        <translation>参与者（✓：已提交选票）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="144"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="144"/>
        <source>Your dots</source>
        <translation>你的票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="145"/>
        <source>Your dots per objective (+ and − to change)</source>
        <translation>你给每个目标的票数（按 + 和 − 修改）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="146"/>
        <source>Add a dot</source>
        <translation>投一票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="147"/>
        <source>Take a dot back</source>
        <translation>撤回一票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="148"/>
        <source>Hand in my ballot</source>
        <translation>提交我的选票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="149"/>
        <source>Back to the list</source>
        <translation>返回名单</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="216"/>
        <source>Your ballot is in. Take it back and vote again? Your dots are cleared so nobody else can see them.</source>
        <translation>你的选票已提交。要撤回并重新投票吗？为保密起见，你之前的投票会被清空。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="293"/>
        <source>You still have %1 dots to place. Hand in the ballot anyway?</source>
        <translation>你还有 %1 票未投。仍要提交选票吗？</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="240"/>
        <source>Ballot of %1</source>
        <translation>%1 的选票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="143"/>
        <source>Start my ballot</source>
        <translation>开始我的选票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/ballot_booth.py" line="258"/>
        <source>%1 of %2 dots left · at most %3 per objective</source>
        <translation>剩余 %1/%2 票 · 每个目标最多 %3 票</translation>
    </message>
</context>
<context>
    <name>BrainstormPage</name>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="118"/>
        <source>%1 / %2 characters: too long for a card; shorten it by %3 to add it.</source>
        <translation>%1 / %2 字：超出卡片长度，删去 %3 字后才能添加。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="120"/>
        <source>%1 / %2 characters: a card becomes an objective, which holds at most %2.</source>
        <translation>%1 / %2 字：卡片会成为目标，目标最多 %2 字。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="131"/>
        <source>Brainstorm: candidate objectives</source>
        <translation>头脑风暴：候选目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="134"/>
        <source>Type an idea and press Enter. F2 edits a card, Delete removes it, select duplicates and press Ctrl+M to merge them into the current card.</source>
        <translation>输入想法后按回车。F2 编辑卡片，Delete 删除卡片；选中重复的卡片后按 Ctrl+M，将其合并到当前卡片。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="138"/>
        <source>Type an idea and press Enter…</source>
        <translation>输入想法后按回车…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="139"/>
        <source>New idea</source>
        <translation>新想法</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="140"/>
        <source>Author of the idea</source>
        <translation>想法的作者</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="141"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="142"/>
        <source>From template…</source>
        <translation>从模板插入…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="144"/>
        <source>Insert an example OKR from the template library</source>
        <translation>从模板库插入示例 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="146"/>
        <source>Idea wall</source>
        <translation>想法墙</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="149"/>
        <source>No ideas yet. Type an idea in the box above and press Enter: each one becomes a card on this wall.</source>
        <translation>还没有想法。在上方输入框中输入想法并按 Enter：每条想法都会成为这面墙上的一张卡片。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="153"/>
        <source>Delete card</source>
        <translation>删除卡片</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="154"/>
        <source>Merge duplicates</source>
        <translation>合并重复项</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="156"/>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="165"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/brainstorm.py" line="223"/>
        <source>Select at least two cards to merge.</source>
        <translation>请至少选择两张卡片进行合并。</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <location filename="../../okrdesk/ui/card_delegate.py" line="71"/>
        <source>carried over</source>
        <translation>结转</translation>
    </message>
</context>
<context>
    <name>CardWallPainting</name>
    <message>
        <location filename="../../okrdesk/ui/projector/card_wall.py" line="57"/>
        <source>carried over from the last cycle</source>
        <translation>从上个周期结转</translation>
    </message>
</context>
<context>
    <name>CarryOverDialog</name>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="76"/>
        <source>Objectives of %1 not finished or marked to carry</source>
        <translation>%1 未完成或标记为结转的目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="82"/>
        <source>never scored</source>
        <translation>从未评分</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="84"/>
        <source>scored %1</source>
        <translation>评分 %1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="86"/>
        <source>scored %1, marked to carry</source>
        <translation>评分 %1，已标记结转</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="96"/>
        <source>Lessons: %1</source>
        <translation>经验教训：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="163"/>
        <source>Carry Over from the Last Cycle</source>
        <translation>从上个周期结转</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="166"/>
        <source>%1 ended with these unfinished objectives and lessons. Tick what this workshop&apos;s wall should start with: each goes on it as a card marked “carried over”, which the room may keep, edit or delete.</source>
        <translation>%1 结束时留下了这些未完成的目标和经验教训。勾选本次研讨会的卡片墙要从哪些开始：每一项都会作为标有“结转”的卡片放上墙，大家可以保留、修改或删除。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="171"/>
        <source>Bring to the wall</source>
        <translation>放上卡片墙</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="171"/>
        <source>Why / about</source>
        <translation>原因 / 关于</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="172"/>
        <source>Carry Over</source>
        <translation>结转</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/carry_over_dialog.py" line="173"/>
        <source>Not Now</source>
        <translation>暂不</translation>
    </message>
</context>
<context>
    <name>CascadeDialog</name>
    <message>
        <location filename="../../okrdesk/ui/cascade_dialog.py" line="361"/>
        <source>&amp;Cycle:</source>
        <translation>周期(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/cascade_dialog.py" line="362"/>
        <source>Show on the &amp;projector</source>
        <translation>在投影上显示(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/cascade_dialog.py" line="363"/>
        <source>Cascade Board</source>
        <translation>逐级制定看板</translation>
    </message>
</context>
<context>
    <name>CheckInImportDialog</name>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="125"/>
        <source>Import Check-ins</source>
        <translation>导入进展记录</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="128"/>
        <source>Hand the owners the check-in sheet (one row per key result of the approved OKRs), then choose the filled-in copy: every row is checked first, and the check-ins are recorded together, as one step to undo, only when every row is right.</source>
        <translation>把进展记录表交给各负责人（已签批 OKR 的每个关键结果一行），再选择填好的表格：先逐行检查，只有每一行都正确时，才会把所有进展记录一起记录下来，可一步撤销。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="134"/>
        <source>Write Check-in Sheet…</source>
        <translation>生成进展记录表…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="135"/>
        <source>Choose Filled-in Sheet…</source>
        <translation>选择填好的表格…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="136"/>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="137"/>
        <source>Encoding of the CSV file</source>
        <translation>CSV 文件的编码</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="140"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="141"/>
        <source>Key result</source>
        <translation>关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="142"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="143"/>
        <source>Confidence</source>
        <translation>信心</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="144"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="145"/>
        <source>Who</source>
        <translation>填写人</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="146"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="150"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="161"/>
        <source>Read from %1.</source>
        <translation>读取自 %1。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="164"/>
        <source>Read from %1 (as %2).</source>
        <translation>读取自 %1，编码为 %2。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="179"/>
        <source>Choose the filled-in sheet to see its check-ins here.</source>
        <translation>选择填好的表格后，其中的进展记录会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="182"/>
        <source>Nothing will be imported until every row is right: correct the sheet and choose it again.</source>
        <translation>每一行都正确之前不会导入任何内容：请更正表格后重新选择。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="186"/>
        <source>%1 check-ins on %2 key results are ready to import.</source>
        <translation>%1 条进展记录（涉及 %2 个关键结果）可以导入。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="191"/>
        <source>%1 key results were left blank.</source>
        <translation>%1 个关键结果未填写。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="194"/>
        <source>%1 rows are in the plan already and are left out.</source>
        <translation>%1 行已在计划中，不再重复导入。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="203"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="219"/>
        <source>Choose the filled-in check-in sheet</source>
        <translation>选择填好的进展记录表</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="221"/>
        <source>Spreadsheets (*.csv *.xlsx *.txt *.tsv)</source>
        <translation>电子表格 (*.csv *.xlsx *.txt *.tsv)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="288"/>
        <source>Write the check-in sheet</source>
        <translation>生成进展记录表</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="290"/>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>电子表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/checkin_import_dialog.py" line="311"/>
        <source>The check-in sheet was written to %1.</source>
        <translation>进展记录表已写入 %1。</translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <location filename="../../okrdesk/ui/dialogs.py" line="40"/>
        <source>Type to filter…</source>
        <translation>输入以筛选…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/dialogs.py" line="41"/>
        <source>Filter the choices</source>
        <translation>筛选选项</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../okrdesk/ui/dialogs.py" line="144"/>
        <source>(draft, not yet approved)</source>
        <translation>（草稿，尚未批准）</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="180"/>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="94"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="97"/>
        <source>What the room takes home. Preview the handout, save it as PDF or print it; a workshop that is not approved prints as a draft.</source>
        <translation>会后带走的材料。可预览手册、另存为 PDF 或打印；尚未批准的研讨会会印有“草稿”字样。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="101"/>
        <source>Document:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="102"/>
        <source>Covers:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="103"/>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="113"/>
        <source>Handout</source>
        <translation>手册</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="114"/>
        <source>Wall summary (one page)</source>
        <translation>上墙摘要（一页）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="115"/>
        <source>Alignment tree of the cycle</source>
        <translation>本周期的对齐图</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="121"/>
        <source>This workshop</source>
        <translation>本研讨会</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="122"/>
        <source>Every workshop of the cycle</source>
        <translation>本周期的所有研讨会</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="126"/>
        <source>Save PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="127"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="128"/>
        <source>Save as Markdown, CSV or JSON…</source>
        <translation>另存为 Markdown、CSV 或 JSON…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="129"/>
        <source>Preview of the PDF</source>
        <translation>PDF 预览</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="208"/>
        <source>The PDF could not be made: %1</source>
        <translation>无法生成 PDF：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="218"/>
        <source>Pages: %1</source>
        <translation>页数：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="232"/>
        <source>Save PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="232"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="240"/>
        <source>Save the OKRs</source>
        <translation>保存 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="244"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="245"/>
        <source>CSV, one row per key result (*.csv)</source>
        <translation>CSV，每个关键结果一行 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="246"/>
        <source>Plan JSON (*.json)</source>
        <translation>计划 JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="284"/>
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="286"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/export.py" line="302"/>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="197"/>
        <source>Write the OKRs</source>
        <translation>写 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="200"/>
        <source>A person&apos;s OKRs use the light form: no wall and no vote. Add each objective (Ctrl+Shift+N), its key results (Ctrl+K) and align it (Ctrl+L); the manager then confirms them 1:1.</source>
        <translation>个人 OKR 使用简化流程：没有卡片墙，也不投票。逐个添加目标（Ctrl+Shift+N）、它的关键结果（Ctrl+K），并对齐到上级（Ctrl+L）；之后由上级一对一确认。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="206"/>
        <source>Group: objectives and their key results</source>
        <translation>归类分组：目标及其关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="209"/>
        <source>Drag cards onto objectives, or select and press M to move. Ctrl+Enter makes a card an objective, Ctrl+K adds a key result, F2 renames, Ctrl+M merges, S splits the selected cards off, Ctrl+L aligns to a parent OKR.</source>
        <translation>将卡片拖到目标上，或选中后按 M 移动。Ctrl+Enter 将卡片设为目标，Ctrl+K 添加关键结果，F2 重命名，Ctrl+M 合并，S 将所选卡片拆分出去，Ctrl+L 对齐到上级 OKR。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="217"/>
        <source>Every card is in a group.</source>
        <translation>所有卡片都已归入分组。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="219"/>
        <source>No objectives yet. Press Ctrl+Shift+N to write the first one.</source>
        <translation>还没有目标。按 Ctrl+Shift+N 写下第一个目标。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="222"/>
        <source>No objectives yet. Select a card and press Ctrl+Enter to make it an objective, or press Ctrl+Shift+N to write one.</source>
        <translation>还没有目标。选中一张卡片并按 Ctrl+Enter 将其设为目标，或按 Ctrl+Shift+N 新写一个。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="226"/>
        <location filename="../../okrdesk/ui/pages/group.py" line="227"/>
        <source>Cards not in a group</source>
        <translation>未分组的卡片</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="228"/>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="229"/>
        <source>Objectives with their key results and cards</source>
        <translation>目标及其关键结果和卡片</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="230"/>
        <location filename="../../okrdesk/ui/pages/group.py" line="237"/>
        <location filename="../../okrdesk/ui/pages/group.py" line="379"/>
        <source>New objective</source>
        <translation>新建目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="231"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="232"/>
        <source>Split off</source>
        <translation>拆分</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="233"/>
        <source>Align…</source>
        <translation>对齐…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="235"/>
        <source>Make objective from card</source>
        <translation>将卡片设为目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="236"/>
        <location filename="../../okrdesk/ui/pages/group.py" line="358"/>
        <source>Move to…</source>
        <translation>移动到…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="238"/>
        <source>Merge objectives</source>
        <translation>合并目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="239"/>
        <source>Split off into a new objective</source>
        <translation>拆分为新目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="240"/>
        <source>Add key result</source>
        <translation>添加关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="241"/>
        <source>Align to a parent objective or key result</source>
        <translation>对齐到上级目标或关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="242"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="357"/>
        <source>(back to the cards not in a group)</source>
        <translation>（移回未分组的卡片）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="358"/>
        <source>Move the selection to:</source>
        <translation>将所选项移动到：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="379"/>
        <source>Objective:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="398"/>
        <source>Select at least two objectives to merge.</source>
        <translation>请至少选择两个目标进行合并。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="406"/>
        <source>Select cards or key results of one objective to split off.</source>
        <translation>请选择同一目标下要拆分出去的卡片或关键结果。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="424"/>
        <location filename="../../okrdesk/ui/pages/group.py" line="436"/>
        <location filename="../../okrdesk/ui/pages/group.py" line="447"/>
        <source>Select an objective first.</source>
        <translation>请先选择一个目标。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="452"/>
        <source>There are no OKRs of a parent unit in this cycle to align to.</source>
        <translation>本周期内没有可对齐的上级组织单元 OKR。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="455"/>
        <source>(not aligned)</source>
        <translation>（未对齐）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="456"/>
        <source>Align</source>
        <translation>对齐</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/group.py" line="456"/>
        <source>Align the objective to:</source>
        <translation>将目标对齐到：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../okrdesk/ui/pages/group.py" line="467"/>
        <source>Delete %n selected item(s)?</source>
        <translation>
            <numerusform>删除所选的 %n 项？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="118"/>
        <source>Column holding the ideas</source>
        <translation>想法所在的列</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="119"/>
        <source>Column holding the authors&apos; names</source>
        <translation>作者姓名所在的列</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="120"/>
        <source>Column holding the departments</source>
        <translation>部门所在的列</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="137"/>
        <source>Ideas:</source>
        <translation>想法：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="142"/>
        <source>Authors:</source>
        <translation>作者：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="140"/>
        <source>Departments:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="255"/>
        <source>Choose the column…</source>
        <translation>请选择列…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="256"/>
        <location filename="../../okrdesk/ui/import_dialog.py" line="257"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="283"/>
        <source>Recognised: a Wenjuanxing or Tencent Survey export.</source>
        <translation>已识别：问卷星或腾讯问卷导出的文件。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="285"/>
        <source>Recognised: a Microsoft Forms export.</source>
        <translation>已识别：Microsoft Forms 导出的文件。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="287"/>
        <source>Recognised: a Google Forms export.</source>
        <translation>已识别：Google 表单导出的文件。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="318"/>
        <source>Which column holds the ideas? Perhaps %1. Choose it above; the summary below shows what would be imported.</source>
        <translation>哪一列是想法？可能是 %1。请在上方选择；下方的摘要会显示将导入的内容。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="330"/>
        <source>The first row names no column okrdesk knows. Choose the column holding the ideas above (and the one holding the names, if any).</source>
        <translation>第一行没有 okrdesk 认识的列名。请在上方选择想法所在的列（如有姓名列，也一并选择）。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="324"/>
        <source>Read as %1: the first row names no column okrdesk knows. Choose the columns above, or another encoding.</source>
        <translation>按 %1 读取：第一行没有 okrdesk 认识的列名。请在上方选择各列，或换一种编码。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="109"/>
        <source>Import ideas and participants</source>
        <translation>导入想法和参与者</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="113"/>
        <source>Encoding of the file</source>
        <translation>文件的编码</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="124"/>
        <source>The file&apos;s first rows</source>
        <translation>文件的前几行</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="127"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="132"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="134"/>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="177"/>
        <source>Choose the encoding…</source>
        <translation>请选择编码…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="204"/>
        <source>okrdesk is not sure which encoding this file was saved in (perhaps %1). Choose the encoding the file was saved in; the preview shows the result at once.</source>
        <translation>okrdesk 无法确定这个文件保存时所用的编码（可能是 %1）。请选择文件保存时所用的编码，预览会立即显示结果。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="210"/>
        <source>This file is not UTF-8 text, and okrdesk cannot tell which encoding it was saved in. Choose the encoding the file was saved in; the preview shows the result at once.</source>
        <translation>这个文件不是 UTF-8 文本，okrdesk 无法判断它保存时所用的编码。请选择文件保存时所用的编码，预览会立即显示结果。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="215"/>
        <source>%1 Choose the encoding the file was saved in; the preview shows the result at once.</source>
        <translation>%1请选择文件保存时所用的编码，预览会立即显示结果。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="224"/>
        <source>Read as %1: line %2 holds bytes this encoding cannot read. Choose another encoding.</source>
        <translation>按 %1 读取：第 %2 行有该编码无法读取的字节。请选择其他编码。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="228"/>
        <source>Read as %1: %2</source>
        <translation>按 %1 读取：%2</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="354"/>
        <source>The first rows of the workbook&apos;s first sheet:</source>
        <translation>工作簿第一个工作表的前几行：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="359"/>
        <source>Read as %1 (detected). If the rows look wrong, choose another encoding.</source>
        <translation>按 %1 读取（自动识别）。如果下面的内容显示不对，请选择其他编码。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="362"/>
        <source>Read as %1. If the rows look wrong, choose another encoding.</source>
        <translation>按 %1 读取。如果下面的内容显示不对，请选择其他编码。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="498"/>
        <source>In the first sheet of %1: %2</source>
        <translation>%1 的第一个工作表：%2</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="500"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>JoinPainting</name>
    <message>
        <location filename="../../okrdesk/ui/projector/join_screen.py" line="35"/>
        <source>Join from your phone</source>
        <translation>用手机加入</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/join_screen.py" line="36"/>
        <source>1. Connect to this room&apos;s Wi-Fi (no internet needed)</source>
        <translation>1. 连接本会议室的 Wi-Fi（无需互联网）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/join_screen.py" line="37"/>
        <source>2. Scan the code, or open:</source>
        <translation>2. 扫描二维码，或打开：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/join_screen.py" line="38"/>
        <source>3. Pick your name</source>
        <translation>3. 选择你的名字</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/join_screen.py" line="83"/>
        <source>Room code: %1</source>
        <translation>房间码：%1</translation>
    </message>
</context>
<context>
    <name>KeyResultForm</name>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="109"/>
        <source>Key result</source>
        <translation>关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="110"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="111"/>
        <source>Start → target, unit</source>
        <translation>起始值 → 目标值，单位</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="112"/>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="131"/>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="113"/>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="132"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="114"/>
        <source>Commitment</source>
        <translation>承诺类型</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="121"/>
        <source>e.g. Get 150 qualified leads from email by 31 March</source>
        <translation>例如：3 月 31 日前通过邮件获取 150 条合格线索</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="123"/>
        <source>Key result title</source>
        <translation>关键结果标题</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="124"/>
        <source>start</source>
        <translation>起始值</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="125"/>
        <source>Start value</source>
        <translation>起始值</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="126"/>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="127"/>
        <source>Target value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="128"/>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="129"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="130"/>
        <source>by</source>
        <translation>截止</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="133"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="134"/>
        <source>Close the form (Esc)</source>
        <translation>关闭表单（Esc）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="137"/>
        <source>Metric (start → target)</source>
        <translation>指标（起始值 → 目标值）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="138"/>
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="141"/>
        <source>Committed</source>
        <translation>承诺型</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="142"/>
        <source>Aspirational</source>
        <translation>挑战型</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="148"/>
        <source>New key result for the selected objective</source>
        <translation>为所选目标新建关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="149"/>
        <source>Add key result</source>
        <translation>添加关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="151"/>
        <source>Edit key result</source>
        <translation>编辑关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/key_result_form.py" line="152"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>LookBackBar</name>
    <message>
        <location filename="../../okrdesk/ui/plan_view.py" line="150"/>
        <source>Looking back at %1. The room (projector and timer) stays at %2.</source>
        <translation>正在回看%1。会场（投影和计时器）仍停留在%2。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_view.py" line="154"/>
        <source>Move the room back to %1…</source>
        <translation>将会场退回到%1…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_view.py" line="155"/>
        <source>Back to %1 →</source>
        <translation>回到%1 →</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="40"/>
        <source>This plan is already open in this window.</source>
        <translation>此计划已在本窗口中打开。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="338"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="356"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="360"/>
        <source>&amp;Workshop</source>
        <translation>研讨会(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="395"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="384"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="222"/>
        <source>Show or Hide the &amp;Projector</source>
        <translation>显示或隐藏投影(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="224"/>
        <source>&amp;Blank the Projector</source>
        <translation>投影黑屏(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="226"/>
        <source>&amp;Freeze the Projector</source>
        <translation>冻结投影画面(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="230"/>
        <source>Show How to &amp;Join on the Projector</source>
        <translation>在投影上显示加入方式(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="237"/>
        <source>Next Page on the Projector</source>
        <translation>投影下一页</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="242"/>
        <source>Previous Page on the Projector</source>
        <translation>投影上一页</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="333"/>
        <source>Projector &amp;Screen</source>
        <translation>投影屏幕(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="159"/>
        <location filename="../../okrdesk/ui/actions.py" line="332"/>
        <source>Go to phase</source>
        <translation>转到阶段</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="331"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="92"/>
        <source>&amp;New Plan…</source>
        <translation>新建计划(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="93"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="96"/>
        <source>Save a Copy &amp;As…</source>
        <translation>另存副本(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="102"/>
        <source>&amp;Import Ideas and Participants…</source>
        <translation>导入想法和参与者(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="107"/>
        <source>Import &amp;Parent OKRs…</source>
        <translation>导入上级 OKR(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="121"/>
        <source>&amp;Close Plan</source>
        <translation>关闭计划(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="122"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="129"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="134"/>
        <source>&amp;New Workshop…</source>
        <translation>新建研讨会(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="140"/>
        <source>Carry &amp;Over from the Last Cycle…</source>
        <translation>从上个周期结转(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="146"/>
        <source>Next Phase</source>
        <translation>下一阶段</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="152"/>
        <source>Previous Phase</source>
        <translation>上一阶段</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="173"/>
        <source>&amp;Cascade Board…</source>
        <translation>逐级制定看板(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="181"/>
        <source>Progress &amp;Review…</source>
        <translation>进展回顾(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="187"/>
        <source>Import Chec&amp;k-ins…</source>
        <translation>导入进展记录(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="193"/>
        <source>All-&amp;Hands Presentation…</source>
        <translation>全员大会演示(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="199"/>
        <source>Re&amp;trospective…</source>
        <translation>复盘(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="205"/>
        <source>&amp;Phones in the Room…</source>
        <translation>会议室里的手机(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="211"/>
        <source>Start or Pause the Timer</source>
        <translation>开始或暂停计时</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="167"/>
        <source>&amp;Alignment Tree…</source>
        <translation>对齐树(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="217"/>
        <source>Add 5 Minutes</source>
        <translation>增加 5 分钟</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="245"/>
        <source>Keyboard &amp;Shortcuts</source>
        <translation>键盘快捷键(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="246"/>
        <source>&amp;About okrdesk</source>
        <translation>关于 okrdesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="101"/>
        <source>No plan is open. Create a new plan or open one.</source>
        <translation>未打开任何计划。请新建或打开一个计划。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="105"/>
        <source>New plan…</source>
        <translation>新建计划…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="106"/>
        <source>Open plan…</source>
        <translation>打开计划…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="472"/>
        <source>Every change is saved</source>
        <translation>所有更改均已保存</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="509"/>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="123"/>
        <location filename="../../okrdesk/ui/main_window.py" line="509"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="510"/>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="125"/>
        <location filename="../../okrdesk/ui/main_window.py" line="510"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="532"/>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="104"/>
        <source>This plan is open in another okrdesk window, so it is read-only here.</source>
        <translation>该计划已在另一个 okrdesk 窗口中打开，因此在此处为只读。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="95"/>
        <source>This plan file is read-only (no write permission), so nothing can be changed.</source>
        <translation>该计划文件为只读（没有写入权限），因此无法做任何修改。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="100"/>
        <source>This plan is in a folder okrdesk cannot write to, so nothing can be changed.</source>
        <translation>该计划位于 okrdesk 无法写入的文件夹中，因此无法做任何修改。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="77"/>
        <source>The plan was upgraded to this version of okrdesk; a backup is at %1</source>
        <translation>计划已升级到此版本的 okrdesk；备份位于 %1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="139"/>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="146"/>
        <source>New plan</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="147"/>
        <source>Organisation:</source>
        <translation>组织：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="161"/>
        <source>Open plan</source>
        <translation>打开计划</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="178"/>
        <source>Save a copy</source>
        <translation>保存副本</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_file_actions.py" line="194"/>
        <source>A copy was saved to %1</source>
        <translation>副本已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="443"/>
        <source>Import ideas and participants</source>
        <translation>导入想法和参与者</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/import_dialog.py" line="445"/>
        <source>Spreadsheets (*.csv *.xlsx *.txt *.tsv)</source>
        <translation>电子表格 (*.csv *.xlsx *.txt *.tsv)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="622"/>
        <source>About okrdesk</source>
        <translation>关于 okrdesk</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="624"/>
        <source>okrdesk %1 — runs OKR-setting workshops from brainstorm to signed handout.</source>
        <translation>okrdesk %1 — 主持 OKR 制定研讨会，从头脑风暴一直到签批完成的成果文档。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="177"/>
        <source>Organisation &amp;Board…</source>
        <translation>组织进度看板(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="178"/>
        <source>Organisation A&amp;lignment Tree…</source>
        <translation>组织对齐树(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="111"/>
        <source>Publish to Organisation &amp;Store…</source>
        <translation>发布到组织存储库(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="117"/>
        <source>P&amp;ull from Organisation Store…</source>
        <translation>从组织存储库拉取(&amp;U)…</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../okrdesk/ui/message_bar.py" line="39"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/message_bar.py" line="40"/>
        <source>Dismiss message</source>
        <translation>关闭消息</translation>
    </message>
</context>
<context>
    <name>NewWorkshopDialog</name>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="127"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="140"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="141"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="142"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="143"/>
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="117"/>
        <source>New workshop</source>
        <translation>新建研讨会</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="119"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="120"/>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="121"/>
        <source>New cycle</source>
        <translation>新周期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="122"/>
        <source>Starts</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="123"/>
        <source>Ends</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="124"/>
        <source>Unit</source>
        <translation>组织单元</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="125"/>
        <source>New unit</source>
        <translation>新组织单元</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="126"/>
        <source>Above it</source>
        <translation>上级单元</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="132"/>
        <source>e.g. Marketing OKR workshop 2027-Q1</source>
        <translation>例如：市场部 2027-Q1 OKR 研讨会</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="133"/>
        <source>New cycle…</source>
        <translation>新建周期…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="134"/>
        <source>New unit…</source>
        <translation>新建组织单元…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/workshop_dialog.py" line="135"/>
        <source>(none: this is the company)</source>
        <translation>（无：这是公司本身）</translation>
    </message>
</context>
<context>
    <name>OpeningScreen</name>
    <message>
        <location filename="../../okrdesk/ui/main_window.py" line="74"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
</context>
<context>
    <name>OrgViewDialog</name>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="170"/>
        <source>Give the organisation store&apos;s address.</source>
        <translation>请填写组织存储库的地址。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="176"/>
        <source>Reading the store…</source>
        <translation>正在读取存储库…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="207"/>
        <source>Reading %1 from the store…</source>
        <translation>正在从存储库读取 %1…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="227"/>
        <source>The store holds no cycle yet: nothing is published.</source>
        <translation>存储库中还没有周期：尚未发布任何内容。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="246"/>
        <source>The store could not be read: %1</source>
        <translation>无法读取存储库：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="312"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="314"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="334"/>
        <source>The PDF could not be written: %1</source>
        <translation>无法写入 PDF：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="359"/>
        <source>&amp;Store:</source>
        <translation>存储库(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="360"/>
        <source>&amp;Cycle:</source>
        <translation>周期(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="361"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="362"/>
        <source>Show on the &amp;projector</source>
        <translation>在投影上显示(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="363"/>
        <source>Save as &amp;PDF…</source>
        <translation>另存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="365"/>
        <source>Organisation Board</source>
        <translation>组织进度看板</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/org_dialog.py" line="367"/>
        <source>Organisation Alignment Tree</source>
        <translation>组织对齐树</translation>
    </message>
</context>
<context>
    <name>ParentImport</name>
    <message>
        <location filename="../../okrdesk/ui/parent_import_dialog.py" line="23"/>
        <source>approved by %1, %2 objectives</source>
        <translation>由 %1 批准，%2 个目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/parent_import_dialog.py" line="31"/>
        <location filename="../../okrdesk/ui/parent_import_dialog.py" line="66"/>
        <source>Import parent OKRs</source>
        <translation>导入上级 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/parent_import_dialog.py" line="33"/>
        <source>okrdesk plans and plan exports (*.okrdesk *.json)</source>
        <translation>okrdesk 计划文件和计划导出 (*.okrdesk *.json)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/parent_import_dialog.py" line="59"/>
        <source>%1 has no approved OKRs this plan could align to.</source>
        <translation>%1 中没有本计划可以对齐的已批准 OKR。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/parent_import_dialog.py" line="67"/>
        <source>Which approved OKRs should this plan align to?</source>
        <translation>本计划要对齐到哪一份已批准的 OKR？</translation>
    </message>
</context>
<context>
    <name>Phase</name>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="14"/>
        <source>Write OKRs</source>
        <translation>写 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="16"/>
        <source>Confirmation</source>
        <translation>上级确认</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="18"/>
        <source>Setup</source>
        <translation>准备</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="19"/>
        <source>Brainstorm</source>
        <translation>头脑风暴</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="20"/>
        <source>Group</source>
        <translation>归类分组</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="21"/>
        <source>Vote</source>
        <translation>投票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="22"/>
        <source>Select</source>
        <translation>选定</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="23"/>
        <source>Sign-off</source>
        <translation>签批</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="24"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>PhaseNavigator</name>
    <message>
        <location filename="../../okrdesk/ui/navigator.py" line="49"/>
        <source>Workshop phases</source>
        <translation>研讨会阶段</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/navigator.py" line="64"/>
        <source>  · room</source>
        <translation>  · 会场</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/navigator.py" line="76"/>
        <source>Ctrl+%1: go to this phase</source>
        <translation>Ctrl+%1：转到此阶段</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/navigator.py" line="82"/>
        <source>Ctrl+%1: look back at this page; the room stays at %2</source>
        <translation>Ctrl+%1：回看此页；会场仍停留在%2</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/navigator.py" line="87"/>
        <source>Ctrl+%1: the room is here (projector and timer)</source>
        <translation>Ctrl+%1：会场在此阶段（投影和计时器）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/navigator.py" line="91"/>
        <source>Not yet: %1</source>
        <translation>尚不可用：%1</translation>
    </message>
</context>
<context>
    <name>PhaseTimer</name>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="103"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="103"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="104"/>
        <source>Start or pause the phase timer</source>
        <translation>开始或暂停阶段计时</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="105"/>
        <source>+5 min</source>
        <translation>+5 分钟</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="106"/>
        <source>Add five minutes to this phase</source>
        <translation>为此阶段增加五分钟</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="161"/>
        <source>Overtime</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="163"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="165"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="147"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="147"/>
        <source>Signed off</source>
        <translation>已签批</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/timer.py" line="149"/>
        <source>The OKRs are agreed: the phase&apos;s timebox no longer counts.</source>
        <translation>OKR 已达成一致：本阶段的计时不再计算。</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <location filename="../../okrdesk/ui/plan_view.py" line="253"/>
        <source>Workshop:</source>
        <translation>研讨会：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_view.py" line="254"/>
        <source>Workshop</source>
        <translation>研讨会</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_view.py" line="255"/>
        <source>New workshop…</source>
        <translation>新建研讨会…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_view.py" line="257"/>
        <source>This plan has no workshop yet. Create one with “New workshop…”.</source>
        <translation>此计划还没有研讨会。请通过“新建研讨会…”创建一个。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_view.py" line="364"/>
        <source>Next: %1 →</source>
        <translation>下一步：%1 →</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/plan_view.py" line="415"/>
        <source>Move the room back to %1? The projector and the timer go back to %1; the room leaves %2.</source>
        <translation>将会场退回到%1？投影和计时器将回到%1；会场离开%2。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../okrdesk/ui/preferences.py" line="24"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/preferences.py" line="29"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/preferences.py" line="36"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>PreviewTable</name>
    <message>
        <location filename="../../okrdesk/ui/import_table.py" line="87"/>
        <source>Column %1</source>
        <translation>%1 列</translation>
    </message>
</context>
<context>
    <name>ProjectorSlides</name>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="72"/>
        <source>d MMMM yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="82"/>
        <source>What will %1 contribute to %2&apos;s objectives this cycle?</source>
        <translation>本周期 %1 将为 %2 的目标贡献什么？</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="86"/>
        <source>To reach %2&apos;s objectives, what must %1 focus on in %3?</source>
        <translation>为实现 %2 的目标，%1 在 %3 最应聚焦于什么？</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="90"/>
        <source>What must %1 achieve in %3?</source>
        <translation>%1 在 %3 必须达成什么？</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="112"/>
        <source>Facilitator: %1</source>
        <translation>主持人：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="120"/>
        <source>Today we answer</source>
        <translation>今天我们要回答</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="125"/>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="128"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="143"/>
        <source>%1 minutes in all</source>
        <translation>共 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="153"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="155"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="159"/>
        <source>%1 signed on %2 at %3</source>
        <translation>%1 于 %2 %3 签批</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="175"/>
        <source>What we agreed</source>
        <translation>我们达成的共识</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="177"/>
        <source>%1 objectives</source>
        <translation>%1 个目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="186"/>
        <source>%1 key results</source>
        <translation>%1 个关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="188"/>
        <source>1 key result</source>
        <translation>1 个关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="192"/>
        <source>Next steps</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="195"/>
        <source>Approved by %1 on %2</source>
        <translation>%1 已于 %2 批准</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="201"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="203"/>
        <source>%1 set their OKRs the same way by %2</source>
        <translation>%1 在 %2 前用同样的方法制定各自的 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="209"/>
        <source>We start now.</source>
        <translation>现在就开始行动！</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/slides.py" line="544"/>
        <source>%1 objectives approved</source>
        <translation>已批准 %1 个目标</translation>
    </message>
</context>
<context>
    <name>ProjectorWindow</name>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="90"/>
        <source>Tie decided by the facilitator: %1</source>
        <translation>平票已由主持人决定：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="93"/>
        <source>Reason: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="80"/>
        <source>The run-off settled the tie</source>
        <translation>决选已打破平票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/window.py" line="88"/>
        <source>okrdesk — Projector</source>
        <translation>okrdesk — 投影</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/window.py" line="89"/>
        <source>Projector</source>
        <translation>投影</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/vote_screen.py" line="81"/>
        <source>%1 / %2 ballots in</source>
        <translation>已投 %1 / %2 张选票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/window.py" line="440"/>
        <source>(paused)</source>
        <translation>（已暂停）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/window.py" line="471"/>
        <source>Objective %1 of %2</source>
        <translation>第 %1 个目标，共 %2 个</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/vote_screen.py" line="92"/>
        <source>Run-off open</source>
        <translation>决选进行中</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/vote_screen.py" line="93"/>
        <source>Voting open</source>
        <translation>投票进行中</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/vote_screen.py" line="88"/>
        <source>Voting closed — the result comes next</source>
        <translation>投票已结束，稍后公布结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/vote_screen.py" line="422"/>
        <source>Not voted yet: %1</source>
        <translation>尚未投票：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="65"/>
        <source>Tie at the cut-off: run-off or decision</source>
        <translation>入选线上平票：将进行决选或由主持人决定</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="38"/>
        <source>TIE</source>
        <translation>平票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="71"/>
        <source>%1 objectives tied for %2 seats</source>
        <translation>%1 个目标争夺 %2 个席位</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="69"/>
        <source>%1 objectives tied for 1 seat</source>
        <translation>%1 个目标争夺 1 个席位</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="83"/>
        <source>Seats won in the run-off: %1</source>
        <translation>决选胜出：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="40"/>
        <source>won run-off</source>
        <translation>决选胜出</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="42"/>
        <source>chosen</source>
        <translation>主持人选定</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/reveal.py" line="100"/>
        <source>Cut-off · top %1</source>
        <translation>入选线 · 前 %1 名</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/vote_screen.py" line="428"/>
        <source>(and %1 more)</source>
        <translation>（另有 %1 人）</translation>
    </message>
</context>
<context>
    <name>RationaleField</name>
    <message>
        <location filename="../../okrdesk/ui/rationale_field.py" line="83"/>
        <source>Save the Why</source>
        <translation>保存缘由</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/rationale_field.py" line="85"/>
        <source>Why the room chose it: said on its slide at the all-hands</source>
        <translation>大家为什么选它：在全员大会上它的幻灯片里讲</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/rationale_field.py" line="91"/>
        <source>Why this objective: choose an objective above</source>
        <translation>目标缘由：请先在上方选择一个目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/rationale_field.py" line="93"/>
        <source>Why “%1”:</source>
        <translation>为什么选“%1”：</translation>
    </message>
</context>
<context>
    <name>RetroDialog</name>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="374"/>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="644"/>
        <source>No particular objective</source>
        <translation>不针对具体目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="403"/>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="601"/>
        <source>Not grouped</source>
        <translation>未分组</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="438"/>
        <source>%1 — about: %2</source>
        <translation>%1 —— 关于：%2</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="440"/>
        <source>%1 — %2</source>
        <translation>%1 —— %2</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="460"/>
        <source>Below 0.7 or never scored: offered to the next cycle</source>
        <translation>低于 0.7 或从未评分：将提供给下个周期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="560"/>
        <source>New Group</source>
        <translation>新建分组</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="560"/>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="627"/>
        <source>The group&apos;s title:</source>
        <translation>分组标题：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="602"/>
        <source>A new group…</source>
        <translation>新建分组…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="603"/>
        <source>Move to Group</source>
        <translation>移到分组</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="603"/>
        <source>Move the answers to:</source>
        <translation>把这些回答移到：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="627"/>
        <source>Rename Group</source>
        <translation>重命名分组</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="635"/>
        <source>Edit Answer</source>
        <translation>编辑回答</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="635"/>
        <source>The answer:</source>
        <translation>回答：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="647"/>
        <source>About an Objective</source>
        <translation>关于某个目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="647"/>
        <source>The answers are about:</source>
        <translation>这些回答关于：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="707"/>
        <source>Start the Retrospective</source>
        <translation>开始复盘</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="708"/>
        <source>Previous Question (Ctrl+PgUp)</source>
        <translation>上一个问题 (Ctrl+PgUp)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="709"/>
        <source>Next Question (Ctrl+PgDown)</source>
        <translation>下一个问题 (Ctrl+PgDown)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="710"/>
        <source>Type an answer and press Enter</source>
        <translation>输入回答后按回车</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="711"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="712"/>
        <source>About:</source>
        <translation>关于：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="713"/>
        <source>The objective the answer is about</source>
        <translation>回答所关于的目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="714"/>
        <source>Add (Enter)</source>
        <translation>添加 (回车)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="715"/>
        <source>New Group…</source>
        <translation>新建分组…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="716"/>
        <source>Move to Group… (M)</source>
        <translation>移到分组… (M)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="717"/>
        <source>Edit… (F2)</source>
        <translation>编辑… (F2)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="718"/>
        <source>About an Objective… (O)</source>
        <translation>关于某个目标… (O)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="719"/>
        <source>Delete (Del)</source>
        <translation>删除 (Del)</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="720"/>
        <source>Carry into the next cycle</source>
        <translation>结转到下个周期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="723"/>
        <source>Objectives scored below 0.7 (or never scored) are offered to the unit&apos;s next cycle; tick others to offer them too. The answers to questions 2 to 4 go with them as lessons.</source>
        <translation>评分低于 0.7（或从未评分）的目标会提供给本单元的下个周期；勾选其他目标也一并提供。第 2 至 4 个问题的回答作为经验教训随之提供。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="728"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="728"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="738"/>
        <source>Retrospective</source>
        <translation>复盘</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="740"/>
        <source>Retrospective — %1</source>
        <translation>复盘 —— %1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="744"/>
        <source>These OKRs were imported from a parent&apos;s plan: their retrospective is held where they live.</source>
        <translation>这些 OKR 是从上级计划导入的：复盘在它们所在的计划中进行。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="749"/>
        <source>These OKRs are not approved yet: the retrospective comes after sign-off.</source>
        <translation>这些 OKR 尚未批准：复盘在签批之后进行。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="752"/>
        <source>Start the retrospective to put the first question on the projector.</source>
        <translation>开始复盘，把第一个问题显示在投影上。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/retro_dialog.py" line="761"/>
        <source>Question %1 of %2 · %3 answers</source>
        <translation>第 %1 个问题，共 %2 个 · %3 条回答</translation>
    </message>
</context>
<context>
    <name>RetroPainting</name>
    <message>
        <location filename="../../okrdesk/ui/projector/retro_screen.py" line="39"/>
        <source>About: %1</source>
        <translation>关于：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/retro_screen.py" line="114"/>
        <source>Not grouped yet</source>
        <translation>尚未分组</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/retro_screen.py" line="153"/>
        <source>Retrospective · %1 · question %2 of %3</source>
        <translation>复盘 · %1 · 第 %2 个问题，共 %3 个</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/retro_screen.py" line="224"/>
        <source>No answers yet.</source>
        <translation>还没有回答。</translation>
    </message>
</context>
<context>
    <name>ReturnBanner</name>
    <message>
        <location filename="../../okrdesk/ui/return_banner.py" line="25"/>
        <source>Sent back by %1 (round %2) — refine and confirm again:</source>
        <translation>%1 在第 %2 轮退回——请修改后重新确认：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/return_banner.py" line="27"/>
        <source>Returned by %1 (round %2) — refine and present again:</source>
        <translation>%1 在第 %2 轮退回——请修改后重新提交：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/return_banner.py" line="34"/>
        <source>The signer&apos;s comments</source>
        <translation>签批人的意见</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="482"/>
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="485"/>
        <source>No start or target written: no progress can be computed</source>
        <translation>未填写起点或目标：无法计算进度</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="487"/>
        <source>From %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="497"/>
        <source>Score %1 (adjusted from %2: %3)</source>
        <translation>评分 %1（由 %2 调整：%3）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="503"/>
        <source>No score yet</source>
        <translation>尚无评分</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="505"/>
        <source>Score %1</source>
        <translation>评分 %1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="562"/>
        <location filename="../../okrdesk/ui/review_dialog.py" line="565"/>
        <source>Adjust the score</source>
        <translation>调整评分</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="559"/>
        <source>Score (0.0 to 1.0):</source>
        <translation>评分（0.0 到 1.0）：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="565"/>
        <source>Why (recorded with it):</source>
        <translation>原因（将与评分一同记录）：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="589"/>
        <source>Objective / key result</source>
        <translation>目标 / 关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="590"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="591"/>
        <location filename="../../okrdesk/ui/review_dialog.py" line="597"/>
        <source>Confidence</source>
        <translation>信心</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="592"/>
        <source>Trend (%)</source>
        <translation>趋势（%）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="593"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="597"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="597"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="597"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="599"/>
        <source>Check-ins of this key result, newest first</source>
        <translation>此关键结果的进展记录，最新的在前</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="600"/>
        <source>Value now:</source>
        <translation>当前数值：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="601"/>
        <source>Done:</source>
        <translation>已完成：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="602"/>
        <source>Done so far:</source>
        <translation>目前完成：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="603"/>
        <source>Confidence (0–10):</source>
        <translation>信心（0–10）：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="604"/>
        <source>not said</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="605"/>
        <source>Comment:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="606"/>
        <source>Record and Next (Enter)</source>
        <translation>记录并下一条（Enter）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="607"/>
        <source>Adjust Score…</source>
        <translation>调整评分…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="608"/>
        <source>Clear Adjustment</source>
        <translation>清除调整</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="609"/>
        <source>Import Check-ins…</source>
        <translation>导入进展记录…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="617"/>
        <source>Progress Review</source>
        <translation>进展回顾</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="619"/>
        <source>Progress Review — %1</source>
        <translation>进展回顾 — %1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="622"/>
        <source>%1 % of the cycle has gone (%2 to %3); the orange mark on each bar</source>
        <translation>本周期已过去 %1%（%2 至 %3）；每个进度条上的橙色标记即为时间进度</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/review_dialog.py" line="635"/>
        <source>These OKRs are not approved yet: check-ins start after sign-off.</source>
        <translation>这些 OKR 尚未批准：签批之后才开始记录进展。</translation>
    </message>
</context>
<context>
    <name>ReviewPainting</name>
    <message>
        <location filename="../../okrdesk/ui/projector/review_screen.py" line="42"/>
        <source>no check-in yet</source>
        <translation>尚无进展记录</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/review_screen.py" line="44"/>
        <source>%1 % done</source>
        <translation>已完成 %1%</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/review_screen.py" line="49"/>
        <source>confidence %1/10</source>
        <translation>信心 %1/10</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/review_screen.py" line="54"/>
        <source>trend %1</source>
        <translation>趋势 %1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/review_screen.py" line="202"/>
        <source>Progress review · %1 · objective %2 of %3</source>
        <translation>进展回顾 · %1 · 第 %2 个目标，共 %3 个</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/projector/review_screen.py" line="208"/>
        <source>%1 % of the cycle has gone</source>
        <translation>本周期已过去 %1%</translation>
    </message>
</context>
<context>
    <name>RoomControl</name>
    <message>
        <location filename="../../okrdesk/ui/room_control.py" line="69"/>
        <source>The room could not start: %1</source>
        <translation>无法开启房间：%1</translation>
    </message>
</context>
<context>
    <name>RoomPanel</name>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="277"/>
        <source>%1 — waiting: this name is already taking part (another phone or the booth)</source>
        <translation>%1 — 等待中：这个名字已在参与（另一部手机或投票台）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="280"/>
        <source>%1 — connected</source>
        <translation>%1 — 已连接</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="282"/>
        <source>%1 — not connected</source>
        <translation>%1 — 未连接</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="316"/>
        <source>Phones in the Room</source>
        <translation>会议室里的手机</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="321"/>
        <source>The room is open: people scan the code or open the address on their phone, on this room&apos;s Wi-Fi. Everything they send is saved at once.</source>
        <translation>房间已开启：大家连上本会议室的 Wi-Fi，用手机扫描二维码或打开地址即可加入。他们发送的每项内容都会立即保存。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="325"/>
        <source>Stop the Room</source>
        <translation>关闭房间</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="326"/>
        <source>Room code: %1</source>
        <translation>房间码：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="329"/>
        <source>Let people add ideas and vote from their phones over this room&apos;s Wi-Fi or the laptop&apos;s hotspot: no internet, no app, no account.</source>
        <translation>让大家通过本会议室的 Wi-Fi 或笔记本电脑的热点，用手机提交想法和投票：无需互联网、无需安装应用、无需账号。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="335"/>
        <source>Open the Room to Phones</source>
        <translation>向手机开启房间</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="336"/>
        <source>Show on the Projector</source>
        <translation>在投影上显示</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="337"/>
        <source>The code, the address and how to join (Ctrl+J)</source>
        <translation>二维码、地址和加入方式（Ctrl+J）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="338"/>
        <source>Allow names not on the list</source>
        <translation>允许名单外的名字加入</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="340"/>
        <source>They type their name on the phone; it is added to the workshop&apos;s people</source>
        <translation>他们在手机上输入自己的名字，该名字会加入本研讨会的参与者名单</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="342"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="344"/>
        <source>Give the name to this phone; the phone that held it stops working</source>
        <translation>把这个名字交给这部手机；原先占用它的手机将停止使用</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="346"/>
        <source>Release</source>
        <translation>释放</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="347"/>
        <source>This phone stops working; what it sent stays</source>
        <translation>这部手机将停止使用；它已发送的内容会保留</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/room_panel.py" line="357"/>
        <source>Phones joined: %1 (connected now: %2)</source>
        <translation>已加入的手机：%1（当前已连接：%2）</translation>
    </message>
</context>
<context>
    <name>SelectPage</name>
    <message>
        <location filename="../../okrdesk/ui/pages/select.py" line="68"/>
        <source>Select the workshop&apos;s OKRs</source>
        <translation>选定研讨会的 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/select.py" line="71"/>
        <source>Take the vote&apos;s result, or tick objectives by hand: the room may decide otherwise and the decision is kept. 3–5 objectives with 2–5 key results each is the rule of thumb. Refine key results on the Group page.</source>
        <translation>采用投票结果，或手动勾选目标：现场可以做出不同的决定，该决定会被保留。经验法则是选定 3–5 个目标，每个目标 2–5 个关键结果。关键结果可在“归类分组”页中完善。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/select.py" line="76"/>
        <source>Select by vote</source>
        <translation>按投票结果选定</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/select.py" line="77"/>
        <source>Candidate objectives; tick the selected ones</source>
        <translation>候选目标；请勾选入选的目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/select.py" line="80"/>
        <source>Selected</source>
        <translation>入选</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/select.py" line="81"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/select.py" line="82"/>
        <source>Dots</source>
        <translation>票数</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/select.py" line="83"/>
        <source>Vote</source>
        <translation>投票结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/select.py" line="84"/>
        <source>Key results</source>
        <translation>关键结果</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="193"/>
        <location filename="../../okrdesk/ui/pages/setup.py" line="209"/>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="211"/>
        <source>Whose plan this is: the heading of the handout and the projector</source>
        <translation>这是谁的计划：显示在讲义和投影画面的标题中</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="184"/>
        <source>Set up the workshop</source>
        <translation>准备研讨会</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="187"/>
        <source>Who is in the room, how they vote, and how long each phase may take. Every change is saved at once.</source>
        <translation>设置参与者、投票方式以及每个阶段的时长。所有更改都会立即保存。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="192"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="194"/>
        <source>Unit and cycle</source>
        <translation>组织单元和周期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="195"/>
        <source>Facilitator</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="196"/>
        <source>Anonymous ideas</source>
        <translation>匿名想法</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="197"/>
        <source>Dots per participant</source>
        <translation>每人票数</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="198"/>
        <source>Most dots per objective</source>
        <translation>每个目标票数上限</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="199"/>
        <source>Objectives to select</source>
        <translation>入选目标数</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="213"/>
        <source>hide authors</source>
        <translation>隐藏作者</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="214"/>
        <source>hide authors on the wall and the projector</source>
        <translation>在想法墙和投影上隐藏作者</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="215"/>
        <source>Workshop</source>
        <translation>研讨会</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="216"/>
        <location filename="../../okrdesk/ui/pages/setup.py" line="223"/>
        <source>Participants</source>
        <translation>参与者</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="217"/>
        <source>Name, then Enter</source>
        <translation>输入姓名后按回车</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="218"/>
        <source>New participant&apos;s name</source>
        <translation>新参与者的姓名</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="219"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="220"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="221"/>
        <source>Remove participant</source>
        <translation>移除参与者</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="222"/>
        <source>Import CSV/XLSX…</source>
        <translation>导入 CSV/XLSX…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="224"/>
        <source>Timebox per phase</source>
        <translation>各阶段时长</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="228"/>
        <source>Minutes for %1</source>
        <translation>「%1」阶段的分钟数</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="230"/>
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="231"/>
        <location filename="../../okrdesk/ui/pages/setup.py" line="232"/>
        <source>Parent OKRs to align to</source>
        <translation>可对齐的上级 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/setup.py" line="285"/>
        <source>(no parent OKRs in this cycle)</source>
        <translation>（本周期没有上级 OKR）</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../okrdesk/ui/preferences.py" line="48"/>
        <location filename="../../okrdesk/ui/preferences.py" line="58"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="289"/>
        <source>Group: split the selected cards and key results off</source>
        <translation>归类分组：将所选卡片和关键结果拆分出去</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="162"/>
        <source>Go to a phase</source>
        <translation>转到指定阶段</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="257"/>
        <source>Brainstorm: add the typed idea</source>
        <translation>头脑风暴：添加输入的想法</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="262"/>
        <source>Edit the selected card, objective or key result</source>
        <translation>编辑所选的卡片、目标或关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="269"/>
        <source>Delete the selection</source>
        <translation>删除所选项</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="274"/>
        <source>Merge the selected cards or objectives</source>
        <translation>合并所选的卡片或目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="279"/>
        <source>Group: make the selected card an objective</source>
        <translation>归类分组：将所选卡片设为目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="284"/>
        <source>Group: move the selection to an objective</source>
        <translation>归类分组：将所选项移动到某个目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="296"/>
        <source>Group: new objective</source>
        <translation>归类分组：新建目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="301"/>
        <source>Group: add a key result</source>
        <translation>归类分组：添加关键结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="306"/>
        <source>Group: align to a parent OKR</source>
        <translation>归类分组：对齐到上级 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/actions.py" line="311"/>
        <source>Vote: add or take back a dot</source>
        <translation>投票：投一票或撤回一票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/preferences.py" line="51"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/preferences.py" line="51"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>SignOff</name>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="33"/>
        <source>Awaiting the manager&apos;s confirmation</source>
        <translation>待上级确认</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="34"/>
        <source>Confirmed by the manager</source>
        <translation>已由上级确认</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="35"/>
        <source>Sent back by the manager</source>
        <translation>已被上级退回</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="38"/>
        <source>Awaiting sign-off</source>
        <translation>待签批</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="39"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/words.py" line="40"/>
        <source>Returned for another round</source>
        <translation>已退回，进入下一轮</translation>
    </message>
</context>
<context>
    <name>SignOffPage</name>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="199"/>
        <source>Sign-off</source>
        <translation>签批</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="207"/>
        <source>Signer</source>
        <translation>签批人</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="213"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="218"/>
        <source>Decisions</source>
        <translation>签批记录</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="220"/>
        <source>Quality checks (warnings, not blocks)</source>
        <translation>质量检查（仅为提醒，不会阻止）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="221"/>
        <source>Quality checks of the selected OKRs</source>
        <translation>入选 OKR 的质量检查</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="222"/>
        <source>Signer&apos;s name</source>
        <translation>签批人姓名</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="223"/>
        <source>Comment (required to return)</source>
        <translation>意见（退回时必填）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="224"/>
        <source>The OKRs presented for sign-off</source>
        <translation>提交签批的 OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="208"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="187"/>
        <source>Manager&apos;s confirmation (1:1)</source>
        <translation>上级确认（一对一）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="190"/>
        <source>The manager goes through the person&apos;s OKRs with them and confirms them, or sends them back with a comment. Double-click an objective to comment on it.</source>
        <translation>上级与本人逐条过一遍 OKR 后确认，或附意见退回。双击某个目标可针对它写意见。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="195"/>
        <source>Manager</source>
        <translation>上级</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="196"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="197"/>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="202"/>
        <source>The signer approves the selected OKRs, which then lock, or returns them with a reason for another round; double-click an objective to comment on it. Reopening approved OKRs needs a reason too.</source>
        <translation>签批人批准选定的 OKR（随即锁定），或说明理由退回再议一轮；双击某个目标可针对它写意见。重新打开已批准的 OKR 也需要说明理由。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="209"/>
        <source>Return for another round</source>
        <translation>退回，进入下一轮</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="210"/>
        <source>OKRs</source>
        <translation>OKR</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="210"/>
        <source>Comment on this objective</source>
        <translation>对该目标的意见</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="211"/>
        <source>On the projector:</source>
        <translation>投影显示：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="212"/>
        <source>What the projector shows</source>
        <translation>投影显示的内容</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="214"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="215"/>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="216"/>
        <source>Sign here (optional)</source>
        <translation>在此签名（可选）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="217"/>
        <source>Hand-drawn signature (optional)</source>
        <translation>手写签名（可选）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="225"/>
        <source>Reopen…</source>
        <translation>重新开启…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="262"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="262"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="265"/>
        <source>Approved where these OKRs were set.</source>
        <translation>已在制定这些 OKR 的计划中批准。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="272"/>
        <source>(no drawn signature)</source>
        <translation>（无手写签名）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="289"/>
        <source>Double-click to comment on this objective</source>
        <translation>双击针对该目标写意见</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="297"/>
        <source>No objectives are selected yet.</source>
        <translation>尚未选定任何目标。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="301"/>
        <source>All objectives together</source>
        <translation>全部目标一起显示</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="314"/>
        <source>No findings: the OKRs pass every check.</source>
        <translation>未发现问题：OKR 通过了所有检查。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="327"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="327"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="329"/>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="329"/>
        <source>sent back</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="400"/>
        <source>Reopen</source>
        <translation>重新开启</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/signoff.py" line="400"/>
        <source>Why are the approved OKRs reopened?</source>
        <translation>为什么要重新开启已批准的 OKR？</translation>
    </message>
</context>
<context>
    <name>StoreDialog</name>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="89"/>
        <source>Publish to Organisation Store</source>
        <translation>发布到组织存储库</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="92"/>
        <source>Sends this plan&apos;s workshops (drafts marked as drafts) to the organisation&apos;s store. When the store cannot be reached, the publish waits in the plan and is retried in the background.</source>
        <translation>把本计划的研讨会发送到组织存储库（草稿标为草稿）。无法连接存储库时，此次发布在计划中等待，并在后台重试。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="97"/>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="99"/>
        <source>Pull from Organisation Store</source>
        <translation>从组织存储库拉取</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="102"/>
        <source>Brings the approved OKRs of the units above this plan&apos;s, and check-ins entered elsewhere, from the organisation&apos;s store (one step you can undo).</source>
        <translation>从组织存储库取回本计划各单元的上级单元已批准的 OKR，以及在别处录入的进展记录（可作为一步撤销）。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="106"/>
        <source>Pull</source>
        <translation>拉取</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="107"/>
        <source>Store address:</source>
        <translation>存储库地址：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="109"/>
        <source>A PostgreSQL address without a password, e.g. postgresql://okr@host/db</source>
        <translation>不含密码的 PostgreSQL 地址，例如 postgresql://okr@host/db</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="111"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="114"/>
        <source>Neither this computer&apos;s keyring nor PGPASSWORD holds a password for this store. Type it (leave it empty if the store needs none).</source>
        <translation>本机的密钥环和 PGPASSWORD 中都没有此存储库的密码。请输入密码（存储库不需要密码时留空）。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_dialog.py" line="118"/>
        <source>Remember in this computer&apos;s keyring</source>
        <translation>记在本机的密钥环中</translation>
    </message>
</context>
<context>
    <name>StoreIndicator</name>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="52"/>
        <source>Store: sending…</source>
        <translation>存储库：发送中…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="54"/>
        <source>Store: refused</source>
        <translation>存储库：被拒绝</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="58"/>
        <source>Store: queued (attempts: %1)</source>
        <translation>存储库：排队中（已尝试 %1 次）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="61"/>
        <source>Store: %1 out of date</source>
        <translation>存储库：%1 个已过时</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="63"/>
        <source>Store: published</source>
        <translation>存储库：已发布</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="67"/>
        <source>What this plan has published to the organisation store</source>
        <translation>本计划发布到组织存储库的情况</translation>
    </message>
</context>
<context>
    <name>StoreLink</name>
    <message>
        <location filename="../../okrdesk/ui/store_link.py" line="432"/>
        <source>The store at %1 cannot be reached now (%2). The publish is queued in the plan and retried in the background.</source>
        <translation>现在无法连接 %1 上的存储库（%2）。此次发布已在计划中排队，并在后台重试。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_link.py" line="468"/>
        <source>The store refused the publish: %1</source>
        <translation>存储库拒绝了此次发布：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_link.py" line="564"/>
        <source>The store at %1 cannot be reached now (%2). Nothing was pulled: pull again later.</source>
        <translation>现在无法连接 %1 上的存储库（%2）。没有拉取任何内容：请稍后再拉取。</translation>
    </message>
</context>
<context>
    <name>StoreStatusDialog</name>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="127"/>
        <source>Published to the organisation store</source>
        <translation>已发布到组织存储库的内容</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="130"/>
        <source>Unit</source>
        <translation>组织单元</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="131"/>
        <source>Workshop</source>
        <translation>研讨会</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="132"/>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="133"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="134"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="135"/>
        <location filename="../../okrdesk/ui/store_status.py" line="234"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="143"/>
        <source> (draft)</source>
        <translation>（草稿）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="152"/>
        <source>%1 published, %2 out of date (changed since published), %3 not published.</source>
        <translation>已发布 %1 个，已过时 %2 个（发布后有改动），未发布 %3 个。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="158"/>
        <source>Queued: waiting for a store that could not be reached</source>
        <translation>排队中：等待暂时无法连接的存储库</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="160"/>
        <source>Nothing is queued.</source>
        <translation>没有排队的发布。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="164"/>
        <source>Store</source>
        <translation>存储库</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="165"/>
        <source>Queued since</source>
        <translation>排队开始于</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="166"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="168"/>
        <source>Last error</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="167"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="223"/>
        <source>Sending now…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="225"/>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="227"/>
        <source>Not retried: the plan is open read-only</source>
        <translation>不重试：计划以只读方式打开</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="184"/>
        <source>The plan is open read-only: nothing is published from it.</source>
        <translation>计划以只读方式打开：不会从中发布任何内容。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="229"/>
        <source>Retried in %1 s</source>
        <translation>%1 秒后重试</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="185"/>
        <source>Retry Now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="236"/>
        <source>Out of date: changed since published</source>
        <translation>已过时：发布后有改动</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="237"/>
        <source>Not published</source>
        <translation>未发布</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="188"/>
        <source>Publish Again</source>
        <translation>再次发布</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/store_status.py" line="192"/>
        <source>Send what changed since it was published to %1</source>
        <translation>把发布后的改动发送到 %1</translation>
    </message>
</context>
<context>
    <name>TallyEntry</name>
    <message>
        <location filename="../../okrdesk/ui/pages/tally_entry.py" line="60"/>
        <source>Counted sticker dots: select an objective and type the number, or press + and −.</source>
        <translation>录入纸面贴点票数：选中目标后输入数字，或按 + 和 −。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/tally_entry.py" line="63"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/tally_entry.py" line="63"/>
        <source>Paper dots</source>
        <translation>纸面票数</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/tally_entry.py" line="64"/>
        <source>Paper dots per objective</source>
        <translation>每个目标的纸面票数</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/tally_entry.py" line="121"/>
        <source>Type a whole number of dots, such as 7.</source>
        <translation>请输入整数票数，例如 7。</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../okrdesk/ui/dialogs.py" line="161"/>
        <source>Template library</source>
        <translation>模板库</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/dialogs.py" line="164"/>
        <source>Example objectives by role</source>
        <translation>按角色分类的示例目标</translation>
    </message>
</context>
<context>
    <name>TieDialog</name>
    <message>
        <location filename="../../okrdesk/ui/dialogs.py" line="209"/>
        <source>Decide the tie</source>
        <translation>裁定平票</translation>
    </message>
    <message numerus="yes">
        <location filename="../../okrdesk/ui/dialogs.py" line="212"/>
        <source>Choose %n objective(s) to take through the cut-off:</source>
        <translation>
            <numerusform>请选择 %n 个目标通过入选线：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/dialogs.py" line="219"/>
        <source>Reason (recorded with the decision):</source>
        <translation>理由（将与决定一并记录）：</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/dialogs.py" line="222"/>
        <source>Reason for the decision</source>
        <translation>决定的理由</translation>
    </message>
</context>
<context>
    <name>VotePage</name>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="337"/>
        <source>Result of the run-off (round %1)</source>
        <translation>决选结果（第 %1 轮）</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="136"/>
        <source>Dot vote</source>
        <translation>投票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="215"/>
        <source>Open voting</source>
        <translation>开始投票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="144"/>
        <source>Close voting</source>
        <translation>结束投票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="146"/>
        <source>Reveal tally</source>
        <translation>公布计票结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="147"/>
        <source>Start run-off</source>
        <translation>开始决选</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="148"/>
        <source>Decide tie…</source>
        <translation>裁定平票…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="157"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="157"/>
        <source>Dots</source>
        <translation>票数</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="298"/>
        <source>The tally is revealed. Vote again? A new round of the main vote starts; the revealed result is set aside until it is revealed again.</source>
        <translation>计票结果已公布。要重新投票吗？将开始新一轮主投票；已公布的结果将被搁置，直到再次公布。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="313"/>
        <source>Not voted yet: %1. Close the vote anyway?</source>
        <translation>尚未投票：%1。仍要结束投票吗？</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="328"/>
        <location filename="../../okrdesk/ui/pages/vote.py" line="340"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="139"/>
        <source>Open the vote and pass the laptop round: each person picks their name, places their dots and hands in the ballot; the screen then clears. Sticker dots on paper go in the paper tally. The room sees only how many ballots are in.</source>
        <translation>开始投票后依次传递电脑：每人选择自己的名字、投票并提交选票，随后屏幕自动清空。纸面贴点的票数录入“纸面计票”。现场只能看到已提交选票的数量。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="145"/>
        <source>Continue: Select →</source>
        <translation>继续：选定 →</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="150"/>
        <source>Ballots</source>
        <translation>选票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="151"/>
        <source>Ballot booth</source>
        <translation>投票间</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="152"/>
        <source>Paper tally</source>
        <translation>纸面计票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="155"/>
        <source>Ranked result</source>
        <translation>排名结果</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="157"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="157"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="215"/>
        <source>Vote again…</source>
        <translation>重新投票…</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="225"/>
        <source>Voting has not started.</source>
        <translation>投票尚未开始。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="230"/>
        <source>The vote is settled: every seat is filled. Continue to Select.</source>
        <translation>投票已有结果：所有名额均已确定。请继续进行选定。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="235"/>
        <source>Tie at the cut-off: start a run-off among the tied, or decide.</source>
        <translation>入选线处平票：在平票项之间进行决选投票，或直接裁定。</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="240"/>
        <source>Run-off</source>
        <translation>决选</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="240"/>
        <source>Vote</source>
        <translation>投票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="241"/>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="241"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="243"/>
        <source>%1 (round %2) is %3: %4 of %5 ballots in</source>
        <translation>%1（第 %2 轮）%3：已投 %4/%5 张选票</translation>
    </message>
    <message>
        <location filename="../../okrdesk/ui/pages/vote.py" line="252"/>
        <source>Not voted yet: %1</source>
        <translation>尚未投票：%1</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../okrdesk/ui/store_actions.py" line="120"/>
        <source>Finishing the work with the organisation store…</source>
        <translation>正在完成与组织存储库的通信…</translation>
    </message>
</context>
</TS>
