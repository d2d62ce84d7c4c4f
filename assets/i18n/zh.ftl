# Marketscope 的简体中文界面。每个 id 与 en.ftl 相同（单元测试检查）；
# 缺少的条目显示英文。数字和日期的格式在 src/model/format.rs。

## 语言菜单与应用

app-name = Marketscope
lang-menu = 语言
lang-tooltip = 标签、数字和日期的语言

## 视图：标签页、句中名称、菜单中的操作、无数据时的说明、状态栏提示

view-hint-chart = 悬停数据点查看来源 · 点击两个点进行测量 · 滚动缩放，拖动平移，右键拖动框选缩放，双击复原 · 按 ? 查看快捷键
view-gmv = 交易额
view-gmv-noun = 交易额
view-gmv-action = 交易额视图
view-gmv-empty = 数据库中没有交易额（GMV）数据（指标 id gmv）。
view-growth = 增长
view-growth-noun = 增长
view-growth-action = 增长视图
view-growth-empty = 数据库中没有交易额或交易额增长数据（指标 id gmv、gmv_yoy）。
view-downloads = 下载量
view-downloads-noun = 下载量
view-downloads-action = 下载量视图
view-downloads-empty = 数据库中没有下载量数据（指标 id downloads、downloads_per_day）。
view-brands = 品牌销售
view-brands-noun = 品牌销售
view-brands-action = 品牌销售视图
view-brands-empty = 数据库中没有卖家或品牌数据。
view-metrics = 指标
view-metrics-noun = 指标
view-metrics-action = 指标视图
view-metrics-empty = 数据库中还没有数据：请导入 CSV。
view-metrics-hint = 在左侧选择指标以绘图 · 可为只有 id 的指标或平台命名 · 按 ? 查看快捷键
view-events = 事件
view-events-noun = 事件
view-events-action = 事件视图
view-events-empty = 数据库中没有事件。
view-events-hint = 点击事件标题查看详情与来源 · 在“事件标记”下筛选类别 · 按 ? 查看快捷键
view-table = 表格
view-table-noun = 表格
view-table-action = 表格视图
view-table-empty = 没有符合左侧选择的数据。
view-table-hint = 点击列标题排序 · “复制为 CSV”（C）给出导入器的列 · 按 ? 查看快捷键
view-sources = 来源
view-sources-noun = 来源
view-sources-action = 来源视图
view-sources-empty = 数据库中没有来源。
view-sources-hint = 点击发布者只绘制其数据 · 网址在浏览器中打开 · 按 ? 查看快捷键

## 操作：菜单和快捷键列表中的名称

action-reset-zoom = 缩放复原到数据
action-log = 对数刻度
action-index = 指数化（基期 = 100）
action-events = 在图表上显示事件
action-stack = 交易额叠放在增长之上
action-theme = 深色 / 浅色主题
action-language = English / 简体中文
action-shortcuts = 显示快捷键列表
action-clear-measure = 清除测量 / 关闭
action-copy-csv = 将所选内容复制为 CSV
action-import = 导入 CSV…
action-reload = 重新读取数据库
action-reset-view = 重置视图（筛选、开关、缩放）
action-present = 演示故事（全屏）
action-save-view = 保存视图…
action-views = 已保存的视图和故事
action-add-formula = 添加公式指标
action-save-name = 保存输入的名称
action-copy-measurement = 将测量结果复制为一句话
action-copy-pinned = 复制固定的数据及其来源
action-unpin = 关闭固定的数据
pinned-title = 固定的数据
pinned-copy = 复制数据
pinned-close = 关闭
pinned-copied = 已将固定的数据及其来源和网址复制到剪贴板。
pinned-source = 来源：
pinned-hint = 点击另一个点即可固定它；文字可选中复制。
action-range-2020 = 日期范围：2020 年以来
action-range-3y = 日期范围：最近 3 年
action-range-12q = 日期范围：最近 12 个季度
action-range-all = 日期范围：全部
action-copy-image = 将图表复制为图片
action-export-png = 将图表保存为 PNG…
action-export-csv = 将图表数据保存为 CSV…
action-export-svg = 将图表保存为 SVG…
action-export-pdf = 将图表保存为 PDF…

## 顶栏

top-shortcuts = 键盘快捷键（{ $name }）
top-views = 视图
top-save-view = 保存视图…
top-import = 导入 CSV…
top-import-tooltip = 将 CSV 文件导入数据库（{ $name }）
top-import-disabled = 数据库为只读或无法打开：无法导入
top-present = 演示…
top-story-steps = { $name }（{ $count } 步）
top-no-stories = 数据库中没有故事
top-export = 导出…
top-export-only-charts = 只有图表可以导出为图片
top-export-tooltip = 将图表复制或保存为图片，或将其数据保存为 CSV
theme-light = 浅色
theme-dark = 深色
store-summary = { $name } · { $value } 个数据 · { $count } 个事件
store-read-only = 只读
store-not-open = { $name } · 未打开
store-loading = { $name } · 读取中
store-hover = 数据库：{ $name }
store-offline = 自 { $time } 起离线 — 正在重试
store-offline-hover = 数据库服务器没有响应。显示的是之前读取的数据；恢复前无法保存，仪表板会自动重新连接。
store-reading = 读取中 · { $value } 个数据
source-filter-on = 只显示来自 { $name } 的数据和事件；其他筛选暂停。
source-filter-clear = 显示所有来源
source-unknown = 来源 { $name }

## 侧栏

side-show = 显示
side-reset-view = 重置视图
side-filter-paused = 来源筛选已开启：清除后（顶栏）这些选择重新生效。
side-figures-in-view = 本视图中的数据数
side-figures = 数据数
side-platforms = 平台
side-all = 全部
side-none = 无
side-default = 默认
side-aggregates = 市场与集团（合计）
side-regions = 地区
side-worldwide-only = 仅全球
side-worldwide = 全球（或未注明）
side-regions-unlisted = 没有数据的地区不列出。
side-kinds = 类型
side-periods = 周期
side-date-range = 日期范围
side-from = 从
side-to = 到
side-starts = 从 { $name } 开始（快捷范围）
side-range-empty = 范围的结束早于开始：无法显示。
side-event-markers = 事件标记
side-show-events = 在图表上显示事件
side-parent = 母公司：{ $name }
side-parent-unknown = 未记录母公司
kind-actual = 实际（已公布）
kind-estimate = 估计
kind-forecast = 预测（目标、指引）

## 图表上方与旁边

chart-log = 对数刻度
chart-index = 指数化
chart-range = 范围：
chart-grain = 周期：
chart-grain-tooltip = 只显示此周期长度的数据
chart-show-events = 显示事件
chart-reset-zoom = 缩放复原
chart-reset-zoom-tooltip = 回到数据范围（R）。双击图表效果相同。
measure = 测量
measure-copy = 复制
measure-clear = 清除
measure-note = 注意：{ $name }。

## 演示与导出

export-sources = 来源：{ $name }

## 数据库的状态

state-loading = 正在读取 { $name }…
state-empty = 数据库为空
state-empty-body = 载入精选样本（TEMU、SHEIN、速卖通、TikTok Shop、亚马逊等平台的有来源数据和有日期的事件），或导入你自己的 CSV 文件。
state-load-sample = 载入样本数据
state-import = 导入 CSV…
state-read-only = 数据库为只读：请打开可写的文件再导入。
state-error = 无法打开数据库
state-what-to-do = 怎么办
state-error-body = { $name } 没有任何改动。可用 `marketscope --db OTHER.db` 在另一个数据库上启动 Marketscope（新文件为空），或把这个文件移开再启动：会在原处新建一个空数据库。如果有其他程序正在写入，请稍候再试。
state-retry = 重试

## 地区名称（数据库只有英文名时使用）

region-global = 全球
region-us = 美国
region-eu = 欧盟
region-europe = 欧洲
region-uk = 英国
region-sea = 东南亚
region-latam = 拉丁美洲
region-jp = 日本
region-cn = 中国
region-de = 德国
region-fr = 法国
region-it = 意大利
region-pl = 波兰
region-es = 西班牙
region-nl = 荷兰
region-at = 奥地利
region-pt = 葡萄牙
region-mx = 墨西哥
region-br = 巴西
region-vn = 越南
region-id = 印度尼西亚
region-my = 马来西亚
region-ph = 菲律宾
region-th = 泰国
region-ex_us = 美国以外（eBay“国际”）

## 指标名称（数据库没有中文名时使用）

metric-gmv_yoy = 交易额同比增长
metric-downloads_per_day = 日均下载量
metric-sellers = 卖家数
metric-sellers_over_1m = 销售额超过 100 万美元的卖家
metric-sellers_over_100k = 年销售额 10 万美元以上的卖家
metric-brands_2x_amazon = 日销售额超过亚马逊两倍的品牌
metric-de_minimis_entries = 美国小额豁免入境量
metric-low_value_parcels = 低价值包裹进口量
metric-revenue_usd = 营业收入（美元）
metric-adjusted_ebita = 经调整 EBITA
metric-ecommerce_sales = 电商销售额
metric-fx_rate = 汇率（年均，每美元）

## 平台与市场名称（数据库没有中文名时使用）

platform-us_low_value_shipments = 美国低价值货件（小额豁免）
platform-eu_low_value_parcels = 欧盟低价值包裹（150 欧元以下）
platform-china_cross_border_ecommerce = 中国跨境出口电商（市场）
platform-china_ecommerce = 中国电商总额（市场）
platform-global_ecommerce = 全球电商（市场）
platform-four_chinese_platforms = TEMU、SHEIN、速卖通、TikTok Shop（合计）
platform-sea_ecommerce = 东南亚电商（市场）
platform-sea_ecommerce_top8 = 东南亚电商前 8 大平台
platform-shopping_apps = 所有购物应用（市场）
platform-alibaba_aidc = 阿里国际数字商业集团（AIDC）
platform-brl = 巴西雷亚尔

## 数据库只给出长名称的名字

region-short-global = 全球

## 侧栏与图表控件（续）

side-count = （数量 = { $name }）
side-market-scope = 全市场范围，不是公司
side-any-year = 不限
event-policy = 政策
event-strategy = 战略
event-logistics = 物流
event-promotion = 促销
event-corporate = 公司
event-other = 其他
grains-minute = 分钟
grains-hour = 小时
grains-day = 日
grains-week = 周
grains-month = 月
grains-quarter = 季度
grains-half = 半年
grains-year = 年
grain-minute = 按分钟
grain-hour = 按小时
grain-day = 每日
grain-week = 每周
grain-month = 每月
grain-quarter = 季度
grain-half = 半年度
grain-year = 年度
range-2020 = 2020 年以来
range-3y = 最近 3 年
range-12q = 最近 12 个季度
range-all = 全部
chart-all-grains = 所有周期
chart-title-indexed = { $name }，指数化（{ $value } = 100）
chart-title-log-usd = { $name }（美元，对数刻度）
chart-title-log = { $name }（对数刻度）
chart-title-usd = { $name }（美元）
chart-title-currency = { $name }（{ $code }）
chart-currency-group = { $code } 计价的 { $count } 个数据（{ $names }）
chart-title-converted = { $name }（换算为 { $code }）
chart-converted-note = 已按各期平均汇率换算为 { $code }：{ $count } 个 { $from } 数据。
chart-converted-long-left-out = { $count } 条长日度序列未换算为 { $code }（每天都需要各自的汇率）。
tooltip-converted = 原始发布值 { $value }；换算汇率 { $rates }
tooltip-rate-source = 汇率来源：{ $name }
side-currency = 货币
side-currency-as-published = 按发布货币
side-currency-hover = 金额图表以此货币显示，每个数据按其所在期间的平均汇率换算（数据库中的 fx_rate 序列）。按发布货币：每个数据保持原货币；图表显示数量较多的一组。
chart-currency-note = 按数据较多的 { $code } 绘制（{ $count } 个数据）。未绘制：{ $left }。同一坐标轴不能混用两种货币；可用 export --currency { $code } 换算。
chart-formula-note = 公式指标：{ $formula }，按各平台自己的数据计算（年度数据只由完整的季度或月度数据合成）。每个数据的来源列出全部输入的来源。
chart-formula-problem = 未能计算：{ $why }
chart-log-refused-headline = 对数坐标没有零和负值，以下系列未绘制
chart-log-refused-turn-off = 关闭对数坐标（L）即可显示。
chart-log-refused-name = { $name }（{ $count } 个数据小于或等于零）
chart-log-refused-note = 对数坐标没有零和负值，以下系列未绘制：{ $names }。关闭对数坐标（L）即可显示。
chart-not-indexed = 未指数化（{ $value } 年无数据）：{ $names }。选择其他基准年即可包含。
tooltip-index = 指数 { $value }（{ $name } = 100）
tooltip-source-missing = 数据库中找不到该来源
tooltip-derived-across = 跨来源推算：{ $name } 与 { $value }
tooltip-derived-one = 两个数据来自同一来源：{ $name }
tooltip-source = 来源：{ $name }
tooltip-event-click = 点击查看详情和来源
tooltip-dense-decimated = { $name } 个日数据之一，按图表宽度抽样绘制约 { $value } 个点。这是离指针最近的真实数据。
tooltip-dense-all = { $name } 个日数据之一；视图中的每个数据都已绘制。
tooltip-measure-first = 点击以从此点开始测量。
tooltip-measure-second = 点击另一个点，测量变化和年复合增长率。
event-details-title = 事件
event-details-close = 关闭
event-details-source = 来源
measure-from = 从 { $name } 开始：请点击第二个点。
measure-hint = 点击一个点，再点击另一个（或按住 Shift 拖过一段范围），查看变化、变化百分比和年复合增长率。

## 图表图例

chart-base-year = 基期年份
legend-figures = { $value } 个数据
legend-decimated = 长序列经抽稀绘制
legend-actual = 实际
tooltip-reported-growth = 来源报告的增长率
tooltip-computed-from-gmv = 由 GMV 计算
legend-estimate = 估计
legend-forecast = 预测
legend-computed = 由交易额计算
legend-reported-growth = 公布的增长率
legend-hint = 数据点下方的横条表示其周期。悬停数据点查看来源，点击两个点进行测量。
state-figures-read = 已读取 { $value } 个数据

## 导入对话框、快捷键列表与提示

import-title = 导入 CSV
import-body = 观测数据、事件、平台、地区、指标或来源，每个文件一个 CSV（由标题行决定类型）。先检查每一行：只要有一行有误，就不导入任何内容，并按行号列出每个问题。
import-path = CSV 文件路径（多个时用 ; 分隔）
import-drop = 也可以把 CSV 文件拖放到窗口的任意位置。
import-button = 导入
import-read-only = 数据库为只读。
shortcuts-title = 键盘快捷键
shortcuts-chart = 在图表上
shortcuts-hover = 悬停数据点：显示数值、类型和来源（该周期的所有来源）
shortcuts-measure = 点击一个点，再点击另一个：变化、变化百分比和年复合增长率
shortcuts-range = 按住 Shift 拖过一段范围：测量指针下的序列
shortcuts-zoom = 滚动：按时间缩放 · 拖动：平移 · 右键拖动：框选缩放 · 双击：回到数据范围
shortcuts-legend = 图例：单击隐藏序列，Alt+单击只显示该序列
shortcuts-event = 悬停事件线查看标题，点击查看详情和来源
notice-dismiss = 关闭

## 表格视图

table-title = 数据
table-metric = 指标：
table-all-metrics = 全部指标
table-rows = 共 { $count } 行符合侧栏的选择
table-long-series = · { $count } 个长日度序列的 { $value } 个数据未列出：它们已在图表中（抽稀绘制），`marketscope export` 可导出全部
table-copy-csv = 复制为 CSV
table-copy-csv-tooltip = { $name }（{ $value }）：采用导入器的列，复制的行可再次导入
table-col-platform = 平台
table-col-metric = 指标
table-col-region = 地区
table-col-period = 周期
table-col-value = 数值
table-col-kind = 类型
table-col-source = 来源
table-col-published = 发布日期
table-col-url = 网址
table-col-note = 备注
table-sort-platform = 按平台排序
table-sort-metric = 按指标排序
table-sort-region = 按地区排序
table-sort-period = 按周期排序
table-sort-value = 按数值排序
table-sort-kind = 按类型排序
table-sort-source = 按来源排序
table-sort-published = 按发布日期排序
table-kind-actual = 实际
table-kind-estimate = 估计
table-kind-forecast = 预测
table-line-follows = 图表的线条采用此数据（本期共 { $count } 个数据）：{ $value }。
table-line-beside = 本期图表的线条采用 { $name } 的 { $value }。
line-reason-only = 唯一的数据
line-reason-every = 所有来源一致
line-reason-surest = 最可靠的类型
line-reason-agree = 多数来源认同
line-reason-exact = 确切数字，而非约数
line-reason-latest = 最新发布

## 事件视图

events-title = 事件
events-shown = 共 { $value } 个，显示 { $count } 个（在“事件标记”下按类别筛选；平台事件随勾选的平台显示）
events-none-match = 没有符合条件的事件：请勾选更多类别或平台，或放宽日期范围。
events-col-date = 日期
events-col-title = 标题
events-col-category = 类别
events-col-platform = 平台
events-col-region = 地区
events-col-source = 来源
events-citation = { $name }，{ $value }

## 来源视图

sources-title = 来源
sources-count = 共 { $count } 个来源。点击发布者，图表中只显示其数据。
sources-find = 查找：
sources-find-hint = 发布者、标题或网址
sources-col-publisher = 发布者
sources-col-published = 发布日期
sources-col-figures = 数据条数
sources-col-events = 事件数
sources-col-url = 网址
sources-col-title = 标题
sources-publisher-tooltip = 图表中只显示此来源的数据
sources-undated = 无日期
sources-no-url = 无网址（印刷版文章）

## 指标视图

metrics-group-sales = GMV 与销售额
metrics-group-growth = 增长
metrics-group-users = 下载量与用户
metrics-group-sellers = 卖家与品牌
metrics-group-money = 价格与金额
metrics-group-other = 其他
metrics-figures = { $value } 条数据
metrics-platforms = { $count } 个平台
metrics-unit-count = 计数
metrics-unit-percent = 百分比
metrics-unit-currency = 货币
metrics-id = id { $name }
metrics-without-figures = 目录中暂无数据的指标：{ $name }。
metrics-names = 命名（{ $count } 个只有 id）
metrics-name-metric = 指标
metrics-name-platform = 平台
metrics-name-label = { $name } { $value }：
metrics-display-name = 显示名称
metrics-save-name = 保存名称
formula-new = 新建公式指标
formula-help = 由其他数据按平台计算的系列：+ − × ÷、数字、括号、指标 ID，以及 平台:指标 表示另一平台的系列。
formula-id = ID
formula-formula = 公式
formula-name = 名称
formula-unit = 单位：{ $name }
formula-taken = { $name } 已是指标：请换一个 ID
formula-add = 添加公式指标
metrics-save-name-tooltip = 保存在数据库的目录中：所有视图和导出都会显示

## 已保存的视图和故事：“保存视图”对话框与“视图”窗口

library-save-title = 保存视图
library-name = 名称
library-name-hint = 2025 年的 TEMU
library-caption = 说明
library-caption-hint = 用一两句话说明图表显示的内容
library-save = 保存
library-save-disabled = 请为视图命名（并使用可写的数据库）
library-views-title = 视图
library-no-views = 还没有保存的视图：“保存视图”会保存当前屏幕上的内容。
library-ok = 确定
library-cancel = 取消
library-open = 打开
library-rename = 重命名
library-delete = 删除
library-add-to-story = 将当前视图添加到故事…
library-stories = 故事
library-story = 故事
library-new-story = 新故事
library-new-story-name = 新故事的名称
library-step-title = 步骤标题
library-step-caption = 步骤说明
library-add-step = 添加步骤
library-add-step-disabled = 请为故事和步骤命名
library-export-pngs = 导出 PNG…
library-export-pngs-tooltip = 将每个步骤按演示效果各导出为一张编号的 PNG，保存到一个文件夹
library-export-deck = 将故事导出为 PDF 演示文稿…
library-export-deck-tooltip = 一个 PDF，每个步骤一页（标题、图表、说明、来源、“3 / 8”），无需窗口即可绘制
library-up = 上移
library-down = 下移
library-remove = 移除
library-edit = 编辑
library-edit-tooltip = 此步骤的标题、说明和突出显示
library-step = 第 { $value } 步
library-title = 标题
library-highlights = 突出显示（平台 id 或事件标题，每行一个）
library-highlight-shown = 突出显示当前显示的序列
library-highlight-shown-tooltip = 此步骤显示的平台，取自其保存的视图
library-no-highlights = 不突出显示
library-save-step = 保存步骤
library-save-step-disabled = 步骤需要标题

## 导出：“导出”窗口、导出结果，以及导出图表的来源脚注

export-window = 导出
export-png-title = 将图表保存为 PNG
export-csv-title = 将图表数据保存为 CSV
export-story-title = 将“{ $name }”导出为 PNG
export-vector-title = 将图表保存为 { $name }
export-deck-title = 将“{ $name }”导出为 PDF 演示文稿
export-png-body = 图表及其标题、图例，以及注明所示数据来源的脚注。
export-csv-body = 图表背后的数据，采用 `marketscope export` 的列（导入后可还原）。
export-story-body = 每个步骤按演示效果（标题、图表、说明、来源）以窗口大小导出，在此文件夹中保存为 01-标题.png、02-…（文件夹不存在时自动创建）。
export-vector-body = 图表及其标题、图例和来源脚注，以窗口大小导出为线条和真实文字（在 PDF 中可选中），无需窗口即可绘制。
export-deck-body = 每个步骤一页（标题、图表、说明、来源、“3 / 8”），16:9 幻灯片，嵌入字体，文字可搜索。
export-folder = 文件夹
export-file = 文件
export-density = 像素密度
export-density-1x = 与屏幕相同
export-density-2x = 双倍像素，幻灯片更清晰：按窗口一半大小排版，以双倍密度绘制
export-dark = 深色主题
export-dark-tooltip = 无论仪表板使用何种主题，导出的图片默认为浅色，适合文档和投影
export-save = 保存
export-path-is-folder = { $name } 是一个文件夹：请在其后输入文件名。
export-no-folder = 无法保存 { $name }：文件夹 { $value } 不存在。
export-no-screenshot = 窗口没有发送截图，因此未生成图片（渲染器是否在运行？）。
export-not-settled = 图表未能稳定下来以供导出；没有写入任何内容。
export-screenshot-misses-chart = 截图（{ $value } 像素）中不包含图表；没有导出任何内容。
export-copied = 已将图表作为图片复制到剪贴板（{ $value } 像素）。
export-saved-png = 已将图表保存为 { $name }（{ $value } 像素）。
export-saved-chart = 已将图表保存为 { $name }。
export-saved-csv = 已将{ $name }视图背后的 { $count } 条数据保存为 { $value }。
export-saved-deck = 已将“{ $name }”保存为 { $count } 页的 PDF 演示文稿：{ $value }。
export-no-thread = 无法启动导出写入线程：{ $name }
export-story-done = 已将 { $count } 张 PNG 写入 { $name }。
export-story-failed = { $value } 个步骤中有 { $count } 个未能导出：{ $name }
export-story-empty = 该故事没有步骤：没有导出任何内容。
export-story-gone = 故事“{ $name }”已不在数据库中。
export-not-read = 数据库尚未读取完毕。
export-only-charts = 只有图表可以导出为图片：请切换到交易额、增长、下载量或品牌销售视图（表格视图的数据可导出为 CSV）。
export-no-mkdir = 无法创建文件夹 { $name }：{ $value }
footer-figures = 数据来源：{ $name }
footer-events = 事件来源：{ $name }
footer-separator = {"；"}
footer-citation = { $name }，{ $value }
footer-dates = { $name }和{ $value }
footer-date-separator = {"、"}
